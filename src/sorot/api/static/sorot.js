// sorot dashboard: draws the Vega-Lite charts of a page (SVG renderer, so that marks are elements) and, where
// a chart asks for it, lists what is behind a clicked mark (each datum carries its period's first/last day).
(function () {
  "use strict";

  function clickUrl(base, datum) {
    var url = base + "&since=" + encodeURIComponent(datum.first) + "&until=" + encodeURIComponent(datum.last);
    if (datum.quad) { url += "&quad=" + encodeURIComponent(datum.quad); }
    return url;
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.vegaSpec);
    if (!source || typeof vegaEmbed === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    vegaEmbed(element, spec, { renderer: "svg", actions: false }).then(function (result) {
      element.dataset.rendered = "true";
      var base = element.dataset.clickUrl;
      if (!base) { return; }
      result.view.addEventListener("click", function (_event, item) {
        if (!item || !item.datum || !item.datum.first) { return; }
        var target = element.dataset.clickTarget;
        htmx.ajax("GET", clickUrl(base, item.datum), { target: target, swap: "innerHTML" }).then(function () {
          var shown = document.querySelector(target);
          if (shown) { shown.scrollIntoView({ behavior: "smooth", block: "start" }); }
        });
      });
    }).catch(function (error) {
      element.textContent = "The chart could not be drawn: " + error;
      element.dataset.rendered = "error";
    });
  }

  document.querySelectorAll("[data-vega-spec]").forEach(draw);
}());
