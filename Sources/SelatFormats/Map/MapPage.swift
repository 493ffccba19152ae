import Foundation

/// A ``MapDocument`` as one self-contained HTML page: the SVG map inline, with pan (drag),
/// zoom (wheel, buttons), layer toggles, details on hover (tooltips) and click (side panel), and
/// a scale bar that follows the zoom. No network: no tiles, no fonts, no scripts from elsewhere.
/// Prints on one A4 landscape page (the controls are not printed).
public struct MapPage: Sendable {
    public let map: MapDocument
    /// Extra HTML after the map (e.g. a report's tables).
    public var appendix: String

    public init(_ map: MapDocument, appendix: String = "") {
        self.map = map
        self.appendix = appendix
    }

    public var text: String {
        let e = GPXDocument.escape
        let v = map.viewer
        return """
            <!DOCTYPE html>
            <html lang="\(e(v.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(map.title))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>
            <div id="page">
            <div id="map-box">
            \(MapSVG(map).text)
            </div>
            <aside id="controls">
            <h2>\(e(v.layers))</h2>
            <div id="layers"></div>
            <h2>\(e(v.view))</h2>
            <p><button id="zoom-in" title="\(e(v.zoomIn))">+</button> <button id="zoom-out" title="\(e(v.zoomOut))">−</button> <button id="zoom-reset">\(e(v.wholeMap))</button></p>
            <p class="hint">\(e(v.hint))</p>
            <h2>\(e(v.details))</h2>
            <div id="info" data-empty="\(e(v.nothingSelected))"><p class="hint">\(e(v.nothingSelected))</p></div>
            </aside>
            </div>
            \(appendix)
            <script>
            \(Self.script)
            </script>
            </body>
            </html>

            """
    }

    static let css = """
        @page { size: A4 landscape; margin: 8mm; }
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #111; }
        #page { display: flex; gap: 10px; padding: 8px; align-items: flex-start; }
        #map-box { flex: 0 0 auto; width: min(100%, 1123px); }
        #map-box svg { width: 100%; height: auto; display: block; border: 1px solid #999; cursor: grab; touch-action: none; user-select: none; }
        #map-box svg.dragging { cursor: grabbing; }
        #controls { flex: 1 1 220px; max-width: 300px; font-size: 13px; }
        #controls h2 { font-size: 14px; margin: 10px 0 4px; }
        #controls label { display: block; margin: 2px 0; }
        #controls button { font-size: 14px; min-width: 2em; }
        .hint { color: #555; font-size: 12px; }
        #info dl { margin: 0; } #info dt { font-weight: bold; margin-top: 3px; } #info dd { margin: 0 0 0 8px; word-break: break-word; }
        .item { cursor: pointer; } .item:hover { stroke: #000; stroke-width: 2; }
        .selected { stroke: #ff00ff !important; stroke-width: 3 !important; }
        .appendix { padding: 0 12px 20px; max-width: 1100px; }
        .appendix table { border-collapse: collapse; margin: 6px 0 14px; }
        .appendix th, .appendix td { border: 1px solid #aaa; padding: 2px 6px; text-align: left; font-size: 13px; }
        @media print {
          #controls { display: none; }
          #page { padding: 0; }
          #map-box { width: 277mm; }
          #map-box svg { border: none; }
          .appendix { page-break-before: always; }
        }
        """

    static let script = """
        (function () {
          "use strict";
          var svg = document.getElementById("selat-map");
          var zoom = document.getElementById("zoom");
          if (!svg || !zoom) { return; }
          var fx = +svg.dataset.fx, fy = +svg.dataset.fy, fw = +svg.dataset.fw, fh = +svg.dataset.fh;
          var nmpp = +svg.dataset.nmpp;
          var k = 1, tx = 0, ty = 0;
          var circles = svg.querySelectorAll("circle[data-r]");
          var labels = svg.querySelectorAll("text[data-fs]");
          var steps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

          function apply() {
            zoom.setAttribute("transform", "translate(" + tx + " " + ty + ") scale(" + k + ")");
            circles.forEach(function (c) { c.setAttribute("r", c.dataset.r / k); });
            labels.forEach(function (t) { t.setAttribute("font-size", t.dataset.fs / k); t.setAttribute("stroke-width", 2.5 / k); });
            var per = nmpp / k, nm = steps[0];
            steps.forEach(function (s) { if (s / per <= 140) { nm = s; } });
            document.getElementById("scale-bar").setAttribute("width", nm / per);
            var st = document.getElementById("scale-text");
            st.textContent = (st.dataset.comma ? String(nm).replace(".", ",") : nm) + " " + st.dataset.unit;
          }
          function toSvg(evt) {
            var pt = svg.createSVGPoint();
            pt.x = evt.clientX; pt.y = evt.clientY;
            return pt.matrixTransform(svg.getScreenCTM().inverse());
          }
          function zoomAt(x, y, factor) {
            var nk = Math.min(200, Math.max(1, k * factor));
            tx = x - (x - tx) * nk / k;
            ty = y - (y - ty) * nk / k;
            k = nk;
            if (k === 1) { tx = 0; ty = 0; }
            apply();
          }
          svg.addEventListener("wheel", function (evt) {
            evt.preventDefault();
            var p = toSvg(evt);
            zoomAt(p.x, p.y, evt.deltaY < 0 ? 1.25 : 0.8);
          }, { passive: false });
          var drag = null, moved = false;
          svg.addEventListener("pointerdown", function (evt) {
            drag = toSvg(evt); moved = false;
            svg.classList.add("dragging");
          });
          window.addEventListener("pointermove", function (evt) {
            if (!drag) { return; }
            var p = toSvg(evt);
            var dx = p.x - drag.x, dy = p.y - drag.y;
            if (Math.abs(dx) + Math.abs(dy) > 2) { moved = true; }
            tx += dx; ty += dy; drag = p;
            apply();
          });
          window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
          document.getElementById("zoom-in").onclick = function () { zoomAt(fx + fw / 2, fy + fh / 2, 1.5); };
          document.getElementById("zoom-out").onclick = function () { zoomAt(fx + fw / 2, fy + fh / 2, 1 / 1.5); };
          document.getElementById("zoom-reset").onclick = function () { k = 1; tx = 0; ty = 0; apply(); };

          var box = document.getElementById("layers");
          svg.querySelectorAll("g.layer").forEach(function (g) {
            var label = document.createElement("label");
            var input = document.createElement("input");
            input.type = "checkbox";
            input.checked = g.style.display !== "none";
            input.id = "toggle-" + g.id;
            input.addEventListener("change", function () { g.style.display = input.checked ? "" : "none"; });
            label.appendChild(input);
            label.appendChild(document.createTextNode(" " + g.dataset.title + " (" + g.querySelectorAll(".item, circle, path").length + ")"));
            box.appendChild(label);
          });

          var info = document.getElementById("info");
          var selected = null;
          svg.addEventListener("click", function (evt) {
            if (moved) { return; }
            var el = evt.target.closest(".item");
            if (selected) { selected.classList.remove("selected"); selected = null; }
            if (!el) {
              info.innerHTML = "";
              var empty = document.createElement("p");
              empty.className = "hint"; empty.textContent = info.dataset.empty;
              info.appendChild(empty);
              return;
            }
            selected = el; el.classList.add("selected");
            var title = el.querySelector("title");
            var html = "<p><b></b></p><dl></dl>";
            info.innerHTML = html;
            info.querySelector("b").textContent = title ? title.textContent : "";
            var dl = info.querySelector("dl");
            JSON.parse(el.dataset.d || "[]").forEach(function (pair) {
              var dt = document.createElement("dt"); dt.textContent = pair[0];
              var dd = document.createElement("dd"); dd.textContent = pair[1];
              dl.appendChild(dt); dl.appendChild(dd);
            });
          });
          document.body.dataset.mapReady = "yes";
        })();
        """
}
