// The Streamlit glue of the story player (components v2); ketenkaartStory() is in storyplayer-core.js.

export default function (component) {
  var data = component.data, setTriggerValue = component.setTriggerValue, setStateValue = component.setStateValue;
  var parentElement = component.parentElement;
  var root = parentElement.querySelector(".kk-player");
  if (!root) {
    root = document.createElement("div");
    root.className = "kk-player";
    parentElement.appendChild(root);
  }
  root.classList.toggle("kk-present", !!data.present);
  var signature = data.signature + "|" + (!!data.present);
  function linkFor(step) {
    var url = new URL(window.location.href);
    url.searchParams.set("stap", String(step));
    return url.pathname + url.search;
  }
  // Each move is numbered; Python echoes the last number it took (data.ack). A change of step that
  // comes with a new number is the echo of our own moves (perhaps already overtaken): ignored. One that
  // comes without is the address asking for another step (a link, the back button): followed.
  if (root.__signature !== signature) {
    root.__seq = data.ack || 0;
    root.__player = ketenkaartStory(root, data, {
      // a state, not a trigger: a quick series of moves may be merged into one run, never lost
      onStep: function (step) { root.__seq += 1; setStateValue("goto", step + ":" + root.__seq); },
      onSelect: function (id) { setTriggerValue("clicked", id); },
      linkFor: linkFor
    });
    root.__signature = signature;
    root.__index = data.index;
    root.__ack = data.ack || 0;
    window.__ketenkaartStory = root.__player;
    root.querySelector(".kk-map").setAttribute("data-ready", "1");
  } else {
    var ack = data.ack || 0;
    if (ack === root.__ack && root.__index !== data.index && root.__player.step() !== data.index + 1) {
      root.__player.show(data.index);
    }
    root.__ack = ack;
    root.__index = data.index;
  }
}
