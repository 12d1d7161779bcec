// Flowcharts: the bpmn-js viewer with SVG/PNG export, and the modeler with a small panel for the
// properties every step needs (role, working days, result, silence means consent).
(function () {
  "use strict";

  // spiffworkflow:properties/property, so the modeler reads and writes them as real elements.
  var SPIFF = {
    name: "SpiffWorkflow",
    prefix: "spiffworkflow",
    uri: "http://spiffworkflow.org/bpmn/schema/1.0/core",
    xml: { tagAlias: "lowerCase" },
    types: [
      { name: "Properties", superClass: ["Element"],
        properties: [{ name: "properties", type: "Property", isMany: true }] },
      { name: "Property", superClass: ["Element"],
        properties: [{ name: "name", type: "String", isAttr: true }, { name: "value", type: "String", isAttr: true }] }
    ]
  };

  function readXml(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function download(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  function exportPng(svg, name) {
    var image = new Image();
    // A data: URL, since the Content Security Policy allows images from data: but not blob:.
    var url = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
    image.onload = function () {
      var scale = 2;
      var canvas = document.createElement("canvas");
      canvas.width = image.width * scale;
      canvas.height = image.height * scale;
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      canvas.toBlob(function (blob) { download(blob, name + ".png"); }, "image/png");
    };
    image.src = url;
  }

  // The user-task icon sits over the first letters of a task's label ("iếp nhận"): every step of
  // these diagrams is a person's task, so the icon says nothing and is removed from the picture.
  function hideTaskIcons(viewer) {
    var registry = viewer.get("elementRegistry");
    registry.filter(function (element) { return element.type === "bpmn:UserTask"; }).forEach(function (element) {
      // bpmn-js draws the icon as the first three paths; loop and parallel markers come after them.
      var paths = registry.getGraphics(element).querySelectorAll(".djs-visual > path");
      Array.prototype.slice.call(paths, 0, 3).forEach(function (path) { path.remove(); });
    });
  }

  // The card is as tall as the diagram at the card's width (within limits), then the diagram fills it.
  function fitToCard(viewer, container) {
    var canvas = viewer.get("canvas");
    var inner = canvas.viewbox().inner;
    var full = document.fullscreenElement && document.fullscreenElement.contains(container);
    if (!full && inner.width > 0) {
      var height = container.clientWidth * (inner.height / inner.width) + 24;
      var limit = Math.max(320, window.innerHeight * 0.75);
      container.style.height = Math.round(Math.min(Math.max(height, 240), limit)) + "px";
    } else if (full) {
      container.style.height = "";
    }
    canvas.resized();
    canvas.zoom("fit-viewport", "auto");
  }

  function wireControls(viewer, container) {
    var card = container.closest(".bpmn-card");
    if (!card) { return; }
    var canvas = viewer.get("canvas");
    card.querySelectorAll("[data-bpmn-zoom]").forEach(function (button) {
      button.addEventListener("click", function () {
        var action = button.getAttribute("data-bpmn-zoom");
        if (action === "in") { canvas.zoom(canvas.zoom() * 1.25); }
        else if (action === "out") { canvas.zoom(canvas.zoom() / 1.25); }
        else if (action === "fit") { canvas.zoom("fit-viewport", "auto"); }
        else if (action === "full") {
          if (document.fullscreenElement) { document.exitFullscreen(); } else { card.requestFullscreen(); }
        }
      });
    });
    document.addEventListener("fullscreenchange", function () { fitToCard(viewer, container); });
  }

  function setUpViewer(container) {
    var viewer = new window.BpmnJS({ container: container });
    var name = container.getAttribute("data-bpmn-name") || "quy-trinh";
    viewer.importXML(readXml(container.getAttribute("data-bpmn-viewer"))).then(function () {
      hideTaskIcons(viewer);
      fitToCard(viewer, container);
      wireControls(viewer, container);
      container.setAttribute("data-rendered", "true");
      (container.getAttribute("data-done") || "").split(" ").filter(Boolean).forEach(function (id) {
        viewer.get("canvas").addMarker(id, "done");
      });
      (container.getAttribute("data-current") || "").split(" ").filter(Boolean).forEach(function (id) {
        viewer.get("canvas").addMarker(id, "current");
      });
    }).catch(function (error) {
      container.setAttribute("data-rendered", "error");
      container.textContent = error.message;
    });
    document.querySelectorAll("[data-bpmn-export]").forEach(function (button) {
      button.addEventListener("click", function () {
        viewer.saveSVG().then(function (result) {
          if (button.getAttribute("data-bpmn-export") === "svg") {
            download(new Blob([result.svg], { type: "image/svg+xml" }), name + ".svg");
          } else {
            exportPng(result.svg, name);
          }
        });
      });
    });
  }

  function setUpModeler(container) {
    var modeler = new window.BpmnJS({ container: container, moddleExtensions: { spiffworkflow: SPIFF } });
    var panel = document.querySelector("[data-bpmn-properties]");
    var selected = null;

    modeler.importXML(readXml(container.getAttribute("data-bpmn-modeler"))).then(function () {
      modeler.get("canvas").zoom("fit-viewport");
      container.setAttribute("data-rendered", "true");
    });

    function propertiesOf(element) {
      var values = {};
      var extension = element.businessObject.extensionElements;
      (extension ? extension.get("values") : []).forEach(function (value) {
        if (value.$type === "spiffworkflow:Properties") {
          (value.get("properties") || []).forEach(function (p) { values[p.name] = p.value; });
        }
      });
      return values;
    }

    function writeProperties(element, values) {
      var moddle = modeler.get("moddle");
      var business = element.businessObject;
      var extension = business.extensionElements || moddle.create("bpmn:ExtensionElements", { values: [] });
      var others = extension.get("values").filter(function (v) { return v.$type !== "spiffworkflow:Properties"; });
      var items = Object.keys(values).filter(function (key) { return values[key] !== ""; }).map(function (key) {
        return moddle.create("spiffworkflow:Property", { name: key, value: String(values[key]) });
      });
      others.push(moddle.create("spiffworkflow:Properties", { properties: items }));
      extension.set("values", others);
      modeler.get("modeling").updateProperties(element, { extensionElements: extension });
    }

    modeler.on("selection.changed", function (event) {
      var element = event.newSelection.length === 1 ? event.newSelection[0] : null;
      selected = element && element.type === "bpmn:UserTask" ? element : null;
      panel.hidden = !selected;
      if (!selected) { return; }
      var values = propertiesOf(selected);
      panel.querySelector("[data-prop-element]").textContent = selected.businessObject.name || selected.id;
      panel.querySelectorAll("[data-prop]").forEach(function (input) {
        var key = input.getAttribute("data-prop");
        if (input.type === "checkbox") { input.checked = values[key] === "true"; }
        else { input.value = values[key] || ""; }
      });
    });

    panel.addEventListener("change", function () {
      if (!selected) { return; }
      var values = {};
      panel.querySelectorAll("[data-prop]").forEach(function (input) {
        var key = input.getAttribute("data-prop");
        values[key] = input.type === "checkbox" ? (input.checked ? "true" : "") : input.value.trim().replace(",", ".");
      });
      writeProperties(selected, values);
    });

    // The diagram is written into the form first; then the form is sent without a second
    // submit event (which would only start this over).
    var form = document.querySelector("[data-bpmn-save]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      modeler.saveXML({ format: true }).then(function (result) {
        form.querySelector("input[name=bpmn_xml]").value = result.xml;
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  document.querySelectorAll("[data-bpmn-viewer]").forEach(setUpViewer);
  document.querySelectorAll("[data-bpmn-modeler]").forEach(setUpModeler);
})();
