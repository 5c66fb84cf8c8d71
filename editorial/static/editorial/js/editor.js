/*
 * The page and snippet editor's helper, built on Wagtail's own editor events:
 * - the checklist panel follows the form as it is typed: the server computes it from the
 *   posted form (no rule lives here), and submitting with items missing asks first;
 * - a signed-out author (expired session, sign-out in another tab) is told so, keeps the
 *   form, signs in again in a dialog and the changes are saved (by Wagtail's autosave);
 * - what is typed is also kept in this browser, per page and revision, until it is saved,
 *   and offered back when the page is opened again;
 * - typing keeps the session alive;
 * - autosave and the editor do not get in each other's way: an action (Submit, Publish,
 *   a workflow action) pressed while an autosave is under way waits for its answer, no
 *   autosave leaves while a comment is being written, and one already under way leaves
 *   the comment being written in place.
 * Texts and dialogs come from the <template id="editorial-editor"> rendered beside it.
 */
(() => {
  "use strict";

  const form = document.querySelector("form[data-edit-form]");
  const template = document.getElementById("editorial-editor");
  if (!form || !template) {
    return;
  }
  const parts = template.content;
  const sessionUrl = template.dataset.sessionUrl;
  const loginUrl = template.dataset.loginUrl;
  const keepAliveSeconds = Number(template.dataset.keepAliveSeconds) || 60;
  const TICK = 700;
  const NOT_CONTENT = [
    "csrfmiddlewaretoken",
    "loaded_revision_id",
    "loaded_revision_created_at",
    "overwrite_revision_id",
  ];

  const text = (name) => parts.querySelector(`[data-text="${name}"]`).textContent.trim();
  const clone = (selector) => parts.querySelector(selector).cloneNode(true);

  function csrfToken() {
    return (window.wagtailConfig && window.wagtailConfig.CSRF_TOKEN) || form.elements.csrfmiddlewaretoken.value;
  }

  function headers() {
    const config = window.wagtailConfig || {};
    return {
      Accept: "application/json",
      "X-Requested-With": "XMLHttpRequest",
      [config.CSRF_HEADER_NAME || "X-CSRFToken"]: csrfToken(),
    };
  }

  /* A new sign-in gives a new CSRF token: Wagtail's scripts and the form must use it. */
  function useToken(token) {
    if (!token) {
      return;
    }
    if (window.wagtailConfig) {
      window.wagtailConfig.CSRF_TOKEN = token;
    }
    document.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => {
      input.value = token;
    });
  }

  /* The form's content as [name, value] pairs, without tokens and revision markers. */
  function contentOf(formData) {
    return [...formData].filter(
      ([name, value]) => typeof value === "string" && !NOT_CONTENT.includes(name),
    );
  }

  const serialize = (pairs) => new URLSearchParams(pairs).toString();

  function isSubmitButton(target) {
    const button = target && target.closest && target.closest("button");
    if (!button || button.form !== form) {
      return null;
    }
    return button.type === "submit" ? button : null;
  }

  /* ---- Session: who is signed in ---- */

  let me = null;
  let signedOut = false;
  let notice = null;
  let lastCheck = 0;

  async function askSession(method) {
    try {
      const response = await fetch(sessionUrl, {
        method,
        headers: headers(),
        redirect: "manual",
        credentials: "same-origin",
      });
      if (response.ok) {
        return await response.json();
      }
      if (response.type === "opaqueredirect" || [401, 403].includes(response.status)) {
        return false;
      }
    } catch {
      // A network error says nothing about the session; Wagtail reports it.
    }
    return null;
  }

  async function checkSession(force) {
    if (!force && Date.now() - lastCheck < 3000) {
      return;
    }
    lastCheck = Date.now();
    const answer = await askSession("GET");
    if (answer === null) {
      return;
    }
    if (answer && (!me || answer.user === me.user)) {
      me = me || answer;
      useToken(answer.csrf_token);
      if (signedOut) {
        await signedIn();
      }
      return;
    }
    showSignedOut(answer ? text("someone-else") : "");
  }

  function indicate(message) {
    const indicator = document.getElementById("w-autosave-indicator");
    if (indicator) {
      indicator.setAttribute("data-w-tooltip-content-value", message);
    }
  }

  function signedOutMessage() {
    return parts.querySelector("[data-signed-out] strong").textContent.trim();
  }

  function showSignedOut(detail) {
    signedOut = true;
    if (!notice) {
      notice = clone("[data-signed-out]");
      notice.querySelector("[data-sign-in]").addEventListener("click", openSignIn);
      if (detail) {
        notice.querySelector("p").append(" ", detail);
      }
      form.before(notice);
    }
    indicate(signedOutMessage());
  }

  let signInDialog = null;

  function openSignIn() {
    if (!signInDialog) {
      signInDialog = clone("[data-sign-in-dialog]");
      document.body.append(signInDialog);
      signInDialog.querySelector("[data-close]").addEventListener("click", () => signInDialog.close());
      signInDialog.querySelector("[data-sign-in-form]").addEventListener("submit", signIn);
    }
    const username = signInDialog.querySelector('[name="username"]');
    username.value = me ? me.username : "";
    username.readOnly = Boolean(me);
    signInDialog.querySelector("[data-sign-in-error]").hidden = true;
    signInDialog.showModal();
    signInDialog.querySelector('[name="password"]').focus();
  }

  /* The login page's own token: the one this page has may belong to a session that ended. */
  async function loginToken() {
    try {
      const response = await fetch(loginUrl, { credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const input = page.querySelector('input[name="csrfmiddlewaretoken"]');
      return input ? input.value : csrfToken();
    } catch {
      return csrfToken();
    }
  }

  function signInFailed(page) {
    const error = signInDialog.querySelector("[data-sign-in-error]");
    const reason = page && page.querySelector(".messages li, .error-message, .help-critical");
    error.textContent = reason ? `${text("failed")} ${reason.textContent.trim()}` : text("failed");
    error.hidden = false;
  }

  async function signIn(event) {
    event.preventDefault();
    const password = signInDialog.querySelector('[name="password"]');
    const body = new FormData();
    body.set("username", signInDialog.querySelector('[name="username"]').value);
    body.set("password", password.value);
    body.set("csrfmiddlewaretoken", await loginToken());
    body.set("next", sessionUrl);
    let answer = null;
    let page = null;
    try {
      const response = await fetch(loginUrl, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if ((response.headers.get("Content-Type") || "").includes("application/json")) {
        answer = await response.json();
      } else {
        page = new DOMParser().parseFromString(await response.text(), "text/html");
      }
    } catch {
      answer = null;
    }
    if (!answer || (me && answer.user !== me.user)) {
      signInFailed(page);
      return;
    }
    password.value = "";
    signInDialog.close();
    useToken(answer.csrf_token);
    await signedIn();
  }

  /* Signed in again, here or in another tab: save what waited. */
  async function signedIn() {
    signedOut = false;
    lastCheck = Date.now();
    if (signInDialog && signInDialog.open) {
      signInDialog.close();
    }
    const shown = notice;
    notice = null;
    const saved = await saveNow();
    if (shown) {
      shown.className = saved ? "help-block help-info" : "help-block help-warning";
      const line = document.createElement("p");
      line.textContent = text(saved ? "saved" : "not-saved");
      shown.replaceChildren(line);
      setTimeout(() => shown.remove(), 8000);
    }
  }

  function hasAutosave() {
    return (form.dataset.controller || "").split(/\s+/).includes("w-autosave");
  }

  /* What Wagtail's "unsaved" controller says when it notices a change. */
  function requestAutosave() {
    form.dispatchEvent(
      new CustomEvent("w-unsaved:add", { bubbles: true, cancelable: true, detail: { type: "edits" } }),
    );
  }

  /* Save through Wagtail's autosave, as a change would; without it, as "Save draft". */
  async function saveNow() {
    if (!hasAutosave()) {
      form.requestSubmit();
      return true;
    }
    // An autosave under way left with what the form held before (a CSRF token that
    // signing in has replaced): its answer is not this save's.
    await autosaveAnswers();
    return new Promise((resolve) => {
      // Autosave may have stopped (a newer version was saved elsewhere): no answer comes.
      const silence = setTimeout(() => done({ type: "" }), 20000);
      const done = (event) => {
        clearTimeout(silence);
        form.removeEventListener("w-autosave:success", done);
        form.removeEventListener("w-autosave:error", done);
        resolve(event.type === "w-autosave:success");
      };
      form.addEventListener("w-autosave:success", done);
      form.addEventListener("w-autosave:error", done);
      requestAutosave();
    });
  }

  form.addEventListener("w-autosave:error", (event) => {
    if (signedOut) {
      event.detail.text = signedOutMessage();
    } else if (event.detail.type === "server_error") {
      checkSession(true);
    }
  });
  // Wagtail's editing-session ping fails as soon as the session has ended.
  document.addEventListener("w-swap:error", () => checkSession(false));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      checkSession(true);
    }
  });
  // Saving while signed out would lead away to the login page: sign in here first.
  document.addEventListener(
    "click",
    (event) => {
      if (signedOut && isSubmitButton(event.target)) {
        event.preventDefault();
        event.stopImmediatePropagation();
        openSignIn();
      }
    },
    true,
  );

  let active = false;
  ["input", "keydown", "change", "pointerdown"].forEach((type) =>
    form.addEventListener(type, () => {
      active = true;
    }),
  );
  setInterval(async () => {
    if (!active || signedOut) {
      return;
    }
    active = false;
    const answer = await askSession("POST");
    if (answer) {
      useToken(answer.csrf_token);
    } else if (answer === false) {
      checkSession(true);
    }
  }, keepAliveSeconds * 1000);

  checkSession(true);

  /* ---- A comment being written outlives an autosave ---- */

  // Wagtail replaces its comments with those in an autosave's answer, which drops a
  // comment or reply still being written. So no autosave leaves while one is, and one
  // follows as soon as it is done. The answer of one already under way when the writing
  // began drops it all the same, so what it dropped is put back once Wagtail has taken
  // the answer in.
  const WRITING = ["creating", "editing"];
  let autosaveHeldForComment = false;

  const commentApp = () => window.comments && window.comments.commentApp;

  const unsent = (item) => item.remoteId === null && item.mode === "default" && !item.deleted;

  /* What of a comment the server may not have yet (the rest comes back in the answer). */
  function beingWritten(comment) {
    const replies = [...comment.replies.values()];
    return {
      remoteId: comment.remoteId,
      contentpath: comment.contentpath,
      position: comment.position,
      text: comment.text,
      mode: comment.mode,
      newText: comment.newText,
      newReply: comment.newReply,
      unsent: unsent(comment),
      unsentReplies: replies.filter(unsent).map((reply) => reply.text),
      replies: replies
        .filter((reply) => WRITING.includes(reply.mode) && reply.remoteId)
        .map(({ remoteId, mode, newText }) => ({ remoteId, mode, newText })),
    };
  }

  const writing = (comment) =>
    WRITING.includes(comment.mode) || Boolean(comment.newReply) || comment.replies.length > 0;

  function commentsNotYetSaved() {
    const app = commentApp();
    if (!app) {
      return [];
    }
    return [...app.store.getState().comments.comments.values()]
      .map(beingWritten)
      .filter(
        (comment) => writing(comment) || comment.unsent || comment.unsentReplies.length > 0,
      );
  }

  const writingComment = () => commentsNotYetSaved().some(writing);

  const commentForm = (localId, selector) => {
    const input = document.querySelector(`#comments [data-comment-id="${localId}"] ${selector}`);
    return input && input.form;
  };

  /* A new comment starts again as the writer started it, from its field's button: the
     button gives it the field's marker. (A new comment on a span of rich text has no
     button to start it again from.) */
  function startCommentAgain(app, item) {
    const button =
      !item.position &&
      [...document.querySelectorAll("[data-comment-add]")].find(
        (candidate) => window.comments.getContentPath(candidate) === item.contentpath,
      );
    if (!button) {
      return null;
    }
    button.click();
    const { focusedComment, comments } = app.store.getState().comments;
    const comment = comments.get(focusedComment);
    return comment && comment.mode === "creating" ? comment.localId : null;
  }

  /* Put back what the answer dropped: what was being written, as it stood; and what was
     sent after the autosave left (so it was not in it), sent again as the writer did. */
  function restoreWriting(app, items, hadFocus) {
    const { updateComment, updateReply, setFocusedComment } = app.actions;
    const loaded = [...app.store.getState().comments.comments.values()];
    const send = (localId, selector) => {
      const found = commentForm(localId, selector);
      if (found) {
        found.requestSubmit();
      }
    };
    let restored = null;
    items.forEach((item) => {
      // A comment made since the page was opened has its id only from this answer.
      const comment = loaded.find((candidate) =>
        item.remoteId
          ? candidate.remoteId === item.remoteId
          : candidate.contentpath === item.contentpath && candidate.text === item.text,
      );
      if (item.mode === "creating" || (item.unsent && !comment)) {
        const localId = startCommentAgain(app, item);
        if (localId === null) {
          return;
        }
        app.store.dispatch(updateComment(localId, { newText: item.newText || item.text }));
        if (item.unsent) {
          send(localId, ".comment__input");
        }
        restored = localId;
        return;
      }
      if (!comment) {
        return;
      }
      const sentReplies = [...comment.replies.values()].map((reply) => reply.text);
      item.unsentReplies
        .filter((text) => !sentReplies.includes(text))
        .forEach((text) => {
          app.store.dispatch(updateComment(comment.localId, { newReply: text }));
          send(comment.localId, ".comment__reply-input");
        });
      const update = WRITING.includes(item.mode) ? { mode: item.mode, newText: item.newText } : {};
      if (item.newReply) {
        update.newReply = item.newReply;
      }
      app.store.dispatch(updateComment(comment.localId, update));
      item.replies.forEach(({ remoteId, mode, newText }) => {
        const reply = [...comment.replies.values()].find((one) => one.remoteId === remoteId);
        if (reply) {
          app.store.dispatch(updateReply(comment.localId, reply.localId, { mode, newText }));
        }
      });
      if (writing(item)) {
        restored = comment.localId;
      }
    });
    if (restored !== null) {
      app.store.dispatch(
        setFocusedComment(restored, { updatePinnedComment: true, forceFocus: hadFocus }),
      );
    }
  }

  // Runs before Wagtail's own listener on the document, which reloads the comments.
  form.addEventListener("w-autosave:success", (event) => {
    const app = commentApp();
    const detail = event.detail || {};
    if (!app || !(detail.data && detail.data.comments)) {
      return;
    }
    const items = commentsNotYetSaved();
    if (items.length) {
      const active = document.activeElement;
      const hadFocus = Boolean(active && active.closest("#comments"));
      queueMicrotask(() => restoreWriting(app, items, hadFocus));
    }
  });

  form.addEventListener("w-autosave:save", (event) => {
    if (writingComment()) {
      event.preventDefault();
      autosaveHeldForComment = true;
    }
  });
  setInterval(() => {
    if (autosaveHeldForComment && !writingComment()) {
      autosaveHeldForComment = false;
      requestAutosave();
    }
  }, TICK);

  /* ---- An action waits for the autosave under way ---- */

  // Sent while an autosave is under way, an action races it: on a new page it reaches the
  // create view, which refuses it since the autosave has just taken its slug; on an edit
  // the autosave may land after it, a draft newer than the one just submitted. So the
  // action waits for the autosave's answer and goes to the address that answer left; and
  // no autosave starts while the action is on its way.
  const AUTOSAVE_ACTIVE = "data-w-autosave-active-value";
  const LONGEST_WAIT = 15000;
  let autosaving = null;
  let autosaveAnswered = () => {};
  let waitingAction = false;
  let replaying = false;
  let activeBeforeAction = null;

  form.addEventListener("w-autosave:save", (event) => {
    if (event.defaultPrevented) {
      return;
    }
    autosaving =
      autosaving ||
      new Promise((resolve) => {
        autosaveAnswered = resolve;
      });
  });
  ["w-autosave:success", "w-autosave:error"].forEach((type) =>
    form.addEventListener(type, () => {
      autosaving = null;
      autosaveAnswered();
    }),
  );

  const nextFrame = () =>
    new Promise((resolve) => {
      setTimeout(() => requestAnimationFrame(resolve));
    });

  /* Until no autosave is under way and the page has taken in the last one's answer
     (comments get their ids from it), or a while has passed. */
  async function autosaveAnswers() {
    const giveUp = new Promise((resolve) => setTimeout(resolve, LONGEST_WAIT));
    const answers = (async () => {
      do {
        while (autosaving) {
          await autosaving;
        }
        await nextFrame();
      } while (autosaving);
    })();
    await Promise.race([answers, giveUp]);
  }

  /* Send the action again as it was pressed: its button is disabled by now (Wagtail shows
     its progress), and a disabled button's name is not sent, so a field carries it. */
  function replay(submitter) {
    const pressed = submitter && submitter.name ? document.createElement("input") : null;
    if (pressed) {
      Object.assign(pressed, { type: "hidden", name: submitter.name, value: submitter.value });
      form.append(pressed);
    }
    replaying = true;
    try {
      form.requestSubmit();
    } finally {
      replaying = false;
      if (pressed) {
        pressed.remove();
      }
    }
  }

  const prevented = (event) =>
    event.defaultPrevented || Boolean(event.isDefaultPrevented && event.isDefaultPrevented());

  function pauseAutosave(event, before = form.getAttribute(AUTOSAVE_ACTIVE)) {
    form.setAttribute(AUTOSAVE_ACTIVE, "false");
    // Another handler may still stop this submission: then the writer goes on typing.
    setTimeout(() => {
      if (!prevented(event)) {
        return;
      }
      if (before === null) {
        form.removeAttribute(AUTOSAVE_ACTIVE);
      } else {
        form.setAttribute(AUTOSAVE_ACTIVE, before);
      }
    });
  }

  function holdAction(event) {
    if (!hasAutosave() || prevented(event)) {
      return;
    }
    if (replaying) {
      pauseAutosave(event, activeBeforeAction);
      return;
    }
    if (!(autosaving || waitingAction)) {
      pauseAutosave(event);
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    if (waitingAction) {
      return;
    }
    waitingAction = true;
    // The form now holds the action's own fields (Wagtail adds the workflow action's):
    // an autosave sent from it after this one would perform the action a first time.
    activeBeforeAction = form.getAttribute(AUTOSAVE_ACTIVE);
    form.setAttribute(AUTOSAVE_ACTIVE, "false");
    autosaveAnswers().then(() => {
      waitingAction = false;
      replay(event.submitter);
    });
  }

  document.addEventListener(
    "submit",
    (event) => {
      if (event.target === form) {
        holdAction(event);
      }
    },
    true,
  );
  // Wagtail's workflow actions that ask for a comment first (Request changes, Approve
  // with comment) send the form through jQuery, whose submit() fires no DOM event.
  if (window.jQuery) {
    window.jQuery(form).on("submit", (event) => {
      if (!event.originalEvent) {
        holdAction(event);
      }
    });
  }

  /* ---- A copy of the typing in this browser ---- */

  const formPath = () => new URL(form.action, window.location.href).pathname;
  const prefixOf = (path) => `editorial:unsaved:${path}:`;
  let revision = form.elements.loaded_revision_id ? form.elements.loaded_revision_id.value : "new";
  let baseline = null;
  let kept = null;
  let savingPath = null;
  let savingBaseline = null;
  // The form as last seen by the watch, and as it last stood still (checked and kept).
  let seen = null;
  let settled = null;

  function storedDrafts(path) {
    const prefix = prefixOf(path);
    const drafts = [];
    for (let i = 0; i < window.localStorage.length; i += 1) {
      const key = window.localStorage.key(i);
      if (key && key.startsWith(prefix)) {
        try {
          drafts.push({ key, ...JSON.parse(window.localStorage.getItem(key)) });
        } catch {
          window.localStorage.removeItem(key);
        }
      }
    }
    return drafts;
  }

  function forget(path) {
    storedDrafts(path).forEach((draft) => window.localStorage.removeItem(draft.key));
    kept = null;
  }

  function keep(pairs, extra) {
    const key = prefixOf(formPath()) + revision;
    const draft = { at: Date.now(), revision, entries: pairs, ...extra };
    try {
      window.localStorage.setItem(key, JSON.stringify(draft));
      kept = serialize(pairs);
    } catch {
      // Storage full or refused: the form itself still holds everything.
    }
  }

  form.addEventListener("w-autosave:save", (event) => {
    savingPath = formPath();
    savingBaseline = serialize(contentOf(event.detail.formData));
  });
  form.addEventListener("w-autosave:success", (event) => {
    const response = event.detail.response || {};
    if (response.revision_id) {
      revision = String(response.revision_id);
    }
    forget(savingPath || formPath());
    forget(formPath());
    baseline = savingBaseline;
    // What was typed while the save was under way is kept again at the next watch.
    settled = null;
  });
  form.addEventListener("submit", (event) => {
    if (event.defaultPrevented || baseline === null) {
      return;
    }
    const pairs = contentOf(new FormData(form));
    if (serialize(pairs) !== baseline) {
      keep(pairs, { submitted: true });
    }
  });

  function restore(draft) {
    const replay = document.createElement("form");
    replay.method = "post";
    replay.action = formPath();
    replay.hidden = true;
    const add = (name, value) => {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      replay.append(input);
    };
    draft.entries.forEach(([name, value]) => add(name, value));
    add("csrfmiddlewaretoken", csrfToken());
    ["loaded_revision_id", "loaded_revision_created_at"].forEach((name) => {
      if (form.elements[name]) {
        add(name, form.elements[name].value);
      }
    });
    window.localStorage.setItem(draft.key, JSON.stringify({ ...draft, key: undefined, submitted: true }));
    document.body.append(replay);
    replay.submit();
  }

  function offerKept() {
    const drafts = storedDrafts(formPath()).filter((draft) => {
      // Submitted, and the page has a newer revision since (or was created): it was saved.
      const saved = draft.submitted && (draft.revision !== revision || revision === "new");
      if (saved) {
        window.localStorage.removeItem(draft.key);
      }
      return !saved && Array.isArray(draft.entries);
    });
    // A form shown again with its errors already holds what was typed.
    if (!drafts.length || form.dataset.wUnsavedForceValue === "true") {
      return;
    }
    const draft = drafts.sort((a, b) => b.at - a.at)[0];
    const offer = clone("[data-kept]");
    offer.querySelector("[data-kept-time]").textContent = new Date(draft.at).toLocaleString();
    offer.querySelector("[data-kept-older]").hidden = draft.revision === revision;
    offer.querySelector("[data-restore]").addEventListener("click", () => {
      drafts.forEach((stale) => window.localStorage.removeItem(stale.key));
      restore(draft);
    });
    offer.querySelector("[data-discard]").addEventListener("click", () => {
      drafts.forEach((stale) => window.localStorage.removeItem(stale.key));
      offer.remove();
    });
    form.before(offer);
  }

  try {
    offerKept();
  } catch {
    // No local storage (private mode, refused): nothing was kept.
  }

  /* ---- The live checklist ---- */

  const panel = document.querySelector("[data-editorial-checklist]");
  let checklistSent = null;
  let checklistAnswer = null;

  const shownMissing = () =>
    [...panel.querySelectorAll("[data-checklist-missing]")].map((item) => item.dataset.checklistMissing);

  function updateChecklist() {
    const formData = new FormData(form);
    const sent = serialize(contentOf(formData));
    if (sent === checklistSent && checklistAnswer) {
      return checklistAnswer;
    }
    checklistSent = sent;
    checklistAnswer = fetch(panel.dataset.editorialChecklistUrl, {
      method: "POST",
      body: formData,
      headers: headers(),
      credentials: "same-origin",
    })
      .then(async (response) => {
        if (!response.ok) {
          checkSession(true);
          throw new Error(`checklist: ${response.status}`);
        }
        const answer = await response.json();
        if (sent === checklistSent) {
          panel.innerHTML = answer.html;
        }
        return answer.missing;
      })
      .catch(() => {
        checklistSent = null;
        checklistAnswer = null;
        return null;
      });
    return checklistAnswer;
  }

  let submitConfirmed = false;
  let submitDialog = null;

  function confirmSubmit(button, missing) {
    if (!submitDialog) {
      submitDialog = clone("[data-submit-dialog]");
      document.body.append(submitDialog);
    }
    const list = submitDialog.querySelector("[data-missing-list]");
    list.replaceChildren(
      ...missing.map((item) => Object.assign(document.createElement("li"), { textContent: item })),
    );
    submitDialog.returnValue = "";
    submitDialog.addEventListener(
      "close",
      () => {
        if (submitDialog.returnValue === "submit") {
          pressAgain(button);
        }
      },
      { once: true },
    );
    submitDialog.showModal();
  }

  function pressAgain(button) {
    submitConfirmed = true;
    try {
      button.click();
    } finally {
      submitConfirmed = false;
    }
  }

  if (panel && panel.dataset.editorialChecklistUrl) {
    document.addEventListener(
      "click",
      async (event) => {
        const button = isSubmitButton(event.target);
        if (!button || submitConfirmed || signedOut) {
          return;
        }
        if (!["action-submit", "action-restart-workflow"].includes(button.name)) {
          return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        const missing = await updateChecklist();
        const current = missing === null ? shownMissing() : missing;
        if (current.length) {
          confirmSubmit(button, current);
        } else {
          pressAgain(button);
        }
      },
      true,
    );
  }

  /* ---- One watch over the form: checklist and kept copy follow each change ---- */

  setTimeout(() => {
    baseline = serialize(contentOf(new FormData(form)));
    seen = baseline;
    // Unsettled: the checklist is asked once, in case the author was quicker than this.
    settled = null;
    setInterval(() => {
      const pairs = contentOf(new FormData(form));
      const now = serialize(pairs);
      if (now !== seen) {
        seen = now;
        return;
      }
      if (now === settled) {
        return;
      }
      settled = now;
      if (panel && panel.dataset.editorialChecklistUrl) {
        updateChecklist();
      }
      if (now !== baseline && now !== kept) {
        keep(pairs);
      }
    }, TICK);
  }, 2500);
})();
