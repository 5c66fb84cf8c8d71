// Drag a scheduled article onto another day of the editorial calendar: the day goes into
// the article's own reschedule form, which is then submitted as if filled in by hand.
(() => {
  const calendar = document.querySelector("[data-calendar]");
  if (!calendar) {
    return;
  }
  let dragged = null;

  // Days gone by cannot take an article: going live in the past would mean publishing now.
  const dayOf = (target) =>
    target instanceof Element ? target.closest("[data-date]:not([data-past])") : null;
  const clearTargets = () => {
    calendar.querySelectorAll(".is-drop-target").forEach((day) => {
      day.classList.remove("is-drop-target");
    });
  };

  calendar.addEventListener("dragstart", (event) => {
    const item = event.target instanceof Element ? event.target.closest("[data-reschedule-form]") : null;
    if (!item) {
      return;
    }
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.rescheduleForm);
    item.classList.add("is-dragging");
  });

  calendar.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("is-dragging");
    }
    dragged = null;
    clearTargets();
  });

  calendar.addEventListener("dragover", (event) => {
    const day = dayOf(event.target);
    if (!day || !dragged) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!day.classList.contains("is-drop-target")) {
      clearTargets();
      day.classList.add("is-drop-target");
    }
  });

  calendar.addEventListener("drop", (event) => {
    const day = dayOf(event.target);
    if (!day || !dragged) {
      return;
    }
    event.preventDefault();
    const form = document.getElementById(dragged.dataset.rescheduleForm);
    clearTargets();
    if (!form || form.elements.date.value === day.dataset.date) {
      return;
    }
    form.elements.date.value = day.dataset.date;
    form.requestSubmit();
  });
})();
