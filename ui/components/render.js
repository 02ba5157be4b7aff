// Draws the chain map with vis-network (global `vis`), shared by the Streamlit
// component and the standalone HTML export. No network requests, no fonts.
function renderKetenkaart(container, data, onSelect) {
  var FONT = "22px system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  var pairCount = {};
  var nodes = data.nodes.map(function (n) {
    var node = {
      id: n.id, label: n.label, title: n.title, x: n.x, y: n.y, fixed: true,
      shape: n.shape, physics: false,
      color: { background: n.colour, border: n.focused ? "#b3261e" : "#333333",
               highlight: { background: n.colour, border: "#b3261e" } },
      borderWidth: n.focused ? 4 : 1.5,
      shapeProperties: { borderDashes: n.dashed_border ? [6, 4] : false },
      font: { face: "system-ui, Arial, sans-serif", size: 18, color: "#111111" },
      widthConstraint: n.shape === "triangle" ? undefined : { maximum: 180 },
      opacity: n.faded ? 0.35 : 1
    };
    if (n.shape === "triangle") {
      node.size = 10; node.font = { size: 11, color: "#333333" }; node.widthConstraint = { maximum: 110 };
    }
    return node;
  });
  var edges = data.edges.map(function (e) {
    var pair = e.source + "|" + e.target;
    var index = pairCount[pair] = (pairCount[pair] || 0) + 1;
    var colour = e.highlighted ? "#b3261e" : (e.faded ? "#c8c8c8" : "#4a4a4a");
    return {
      id: e.id, from: e.source, to: e.target, label: e.label, title: e.title,
      arrows: { to: { enabled: true, scaleFactor: 0.7 } },
      dashes: e.dashed ? [8, 6] : false,
      width: e.highlighted ? Math.max(4, e.width) : e.width,
      color: { color: colour, highlight: "#b3261e", hover: "#b3261e" },
      font: { face: "system-ui, Arial, sans-serif", size: 13, align: "horizontal", strokeWidth: 3,
              color: e.faded ? "#9a9a9a" : "#222222", multi: false },
      smooth: { enabled: true, type: "curvedCW", roundness: 0.12 + 0.14 * (index - 1) }
    };
  });
  // Two invisible corner anchors so "fit" also frames the lanes and phase headers.
  if (data.lanes.length) {
    var xsAll = data.columns.map(function (c) { return c.x; }).concat(data.nodes.map(function (n) { return n.x; }));
    var minX = Math.min.apply(null, xsAll), maxX = Math.max.apply(null, xsAll);
    [[minX - 200, data.lanes[0].y_min - 70], [maxX + 160, data.lanes[data.lanes.length - 1].y_max + 10]].forEach(function (p, i) {
      nodes.push({ id: "__anchor" + i, x: p[0], y: p[1], fixed: true, physics: false, shape: "dot", size: 0.1,
                   label: "", color: { background: "rgba(0,0,0,0)", border: "rgba(0,0,0,0)" }, chosen: false });
    });
  }
  var network = new vis.Network(container, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, {
    physics: false,
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: false, multiselect: false },
    edges: { selectionWidth: 2, hoverWidth: 1.5 },
    layout: { improvedLayout: false }
  });
  network.on("beforeDrawing", function (ctx) {
    if (!data.lanes.length) { return; }
    var xs = data.columns.map(function (c) { return c.x; });
    data.nodes.forEach(function (n) { xs.push(n.x); });
    var left = Math.min.apply(null, xs) - 200, right = Math.max.apply(null, xs) + 160;
    var top = data.lanes[0].y_min;
    ctx.save();
    data.lanes.forEach(function (lane) {
      ctx.globalAlpha = 0.35;
      ctx.fillStyle = lane.colour;
      ctx.fillRect(left, lane.y_min - 10, right - left, lane.y_max - lane.y_min + 20);
      ctx.globalAlpha = 1;
      ctx.fillStyle = "#333333";
      ctx.font = "bold " + FONT;
      ctx.fillText(lane.label, left + 8, lane.y_min + 14);
    });
    ctx.font = "bold " + FONT;
    ctx.textAlign = "center";
    data.columns.forEach(function (c) {
      ctx.fillStyle = "#333333";
      var words = c.label.split(" ");
      if (words.length === 1 && ctx.measureText(c.label).width > 195) {
        var cut = Math.ceil(c.label.length / 2);
        words = [c.label.slice(0, cut) + "-", c.label.slice(cut)];
      }
      if (words.length > 1 && ctx.measureText(c.label).width > 195) {
        var half = Math.ceil(words.length / 2);
        ctx.fillText(words.slice(0, half).join(" ").replace("- ", "-"), c.x, top - 50);
        ctx.fillText(words.slice(half).join(" "), c.x, top - 26);
      } else {
        ctx.fillText(c.label, c.x, top - 26);
      }
      ctx.strokeStyle = "rgba(0,0,0,0.12)";
      ctx.beginPath(); ctx.moveTo(c.x, top - 18); ctx.lineTo(c.x, data.lanes[data.lanes.length - 1].y_max + 10); ctx.stroke();
    });
    ctx.restore();
  });
  if (onSelect) {
    network.on("click", function (params) {
      if (params.nodes.length && params.nodes[0].indexOf("__anchor") !== 0) { onSelect(params.nodes[0]); }
      else if (params.edges.length) { onSelect(params.edges[0]); }
    });
  }
  return network;
}

// A PNG of the map on a white background, as a download (no server round trip).
function downloadKetenkaartPng(container, filename) {
  var canvas = container.querySelector("canvas");
  if (!canvas) { return; }
  var out = document.createElement("canvas");
  out.width = canvas.width; out.height = canvas.height;
  var ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  var link = document.createElement("a");
  link.href = out.toDataURL("image/png");
  link.download = filename || "ketenkaart.png";
  document.body.appendChild(link); link.click(); link.remove();
}
