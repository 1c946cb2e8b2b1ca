// rhi-llm browser review: one click or one key per decision, posted to this app only.
"use strict";

(function () {
  const token = document.querySelector('meta[name="rhi-token"]').content;
  const item = document.getElementById("item");
  const stored = window.sessionStorage.getItem("rhi-reviewer");
  let reviewer = stored || document.querySelector('meta[name="rhi-reviewer"]').content;
  const shownName = document.getElementById("reviewer-name");
  shownName.textContent = reviewer;

  document.getElementById("rename").addEventListener("click", function () {
    const typed = window.prompt("Your name, recorded with each decision:", reviewer);
    if (typed !== null && typed.trim()) {
      reviewer = typed.trim();
      window.sessionStorage.setItem("rhi-reviewer", reviewer);
      shownName.textContent = reviewer;
    }
  });

  const quote = document.getElementById("quote");
  if (quote) quote.scrollIntoView({ block: "center" });
  const box = document.querySelector("#pdf .box");
  const image = document.querySelector("#pdf img");
  if (box && image) {
    image.addEventListener("load", function () { box.scrollIntoView({ block: "center" }); });
  }
  if (!item) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "b" && !typing(event)) window.history.back();
    });
    return;
  }

  const message = document.getElementById("message");
  const correct = document.getElementById("correct");
  const statuses = document.getElementById("statuses");
  const value = document.getElementById("value");
  const note = document.getElementById("note");
  let seen = Number(item.dataset.seen);

  function typing(event) {
    const tag = event.target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function say(text, kind) {
    message.textContent = text;
    message.className = kind || "";
  }

  function query() {
    return item.dataset.query ? "&" + item.dataset.query : "";
  }

  async function send(action, extra) {
    const body = Object.assign(
      {
        key: item.dataset.key,
        action: action,
        reviewer: reviewer,
        note: note.value,
        seen: seen,
        fingerprint: item.dataset.fingerprint,
      },
      extra || {}
    );
    say("recording…");
    const answer = await fetch("/decide?" + (item.dataset.query || ""), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-RHI-Token": token },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const reply = await answer.json();
    if (answer.ok) {
      say("recorded: " + reply.recorded, "ok");
      window.location.assign(reply.next);
    } else if (reply.conflict) {
      showConflict(reply, action, extra);
    } else if (reply.stale) {
      window.location.replace(
        "/?item=" + encodeURIComponent(item.dataset.key) + "&changed=1" + query()
      );
    } else {
      say(reply.error || "the decision could not be recorded", "error");
    }
  }

  function showConflict(reply, action, extra) {
    const panel = document.getElementById("conflict");
    document.getElementById("theirs").textContent = reply.theirs;
    document.getElementById("mine").textContent = reply.mine;
    panel.hidden = false;
    say(reply.conflict, "error");
    document.getElementById("keep-theirs").onclick = function () {
      window.location.reload();
    };
    document.getElementById("keep-mine").onclick = function () {
      seen = reply.theirs_id;
      panel.hidden = true;
      send(action, extra);
    };
  }

  function next() {
    window.location.assign("/next?item=" + encodeURIComponent(item.dataset.key) + query());
  }

  function choose(action) {
    if (action === "a") send("a");
    else if (action === "c") {
      statuses.hidden = true;
      correct.hidden = false;
      value.focus();
    } else if (action === "s") {
      correct.hidden = true;
      statuses.hidden = false;
      statuses.querySelector("button").focus();
    } else if (action === "k") next();
    else if (action === "b") window.history.back();
  }

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () { choose(button.dataset.action); });
  });
  document.querySelectorAll("[data-status]").forEach(function (button) {
    button.addEventListener("click", function () { send("s", { status: button.dataset.status }); });
  });
  correct.addEventListener("submit", function (event) {
    event.preventDefault();
    send("c", { value: value.value });
  });

  document.addEventListener("keydown", function (event) {
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (!statuses.hidden && "hern".includes(event.key) && event.key.length === 1) {
      event.preventDefault();
      send("s", { status: event.key });
    } else if (["a", "c", "s", "k", "b"].includes(event.key)) {
      event.preventDefault();
      choose(event.key);
    }
  });
})();
