from investdesk.accounts.choices import Role

# Everyone signed in reads the legal documents; the roles that kept them while they were part of
# the quality records keep them still.
ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: ["legal.manage_legal_documents"],
    Role.DIVISION_HEAD: ["legal.manage_legal_documents"],
}
