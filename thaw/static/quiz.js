/* Quiz feedback for screen readers. The feedback under each option is shown by CSS alone (thaw/quiz.py), but text
   revealed from display:none is not reliably announced. Each question carries an empty live region, rendered with the
   page; when an answer is chosen, its feedback's text is written there, and screen readers read it out. */
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.closest(".thaw-quiz")) return;
  const question = input.closest(".thaw-quiz-q");
  const live = question && question.querySelector(".thaw-quiz-live");
  const feedback = input.closest("label") && input.closest("label").nextElementSibling;
  if (live && feedback && feedback.classList.contains("thaw-quiz-fb")) {
    live.textContent = feedback.textContent.replace(/\s+/g, " ").trim();
  }
});
