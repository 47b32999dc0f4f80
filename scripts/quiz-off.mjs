// The self-check questions pause a playing run (src/panels/kit/quiz.ts). Measurements (bench,
// soak) and the e2e specs that play a run to its end open the app with them switched off, as a
// reader who unticked "Self-check questions" would: the setting is written before the app loads,
// once per tab (a test may switch them on again and reload).

/** The key the app's settings are kept under (src/app/store.ts, UI_STORAGE_KEY). */
export const UI_STORAGE_KEY = 'hyperv-poster-ui';

/** Runs in the page before the app: the persisted setting `quiz: false`. */
export function quizOffInPage(key) {
  try {
    if (sessionStorage.getItem('questions-off-once')) return;
    sessionStorage.setItem('questions-off-once', '1');
    const saved = JSON.parse(localStorage.getItem(key) ?? '{}');
    const state = { ...(saved.state ?? {}), quiz: false };
    localStorage.setItem(key, JSON.stringify({ version: 0, ...saved, state }));
  } catch {
    // about:blank and other pages without storage: nothing to do
  }
}

/** Open every document of this page with the questions off. */
export async function questionsOff(page) {
  await page.addInitScript(quizOffInPage, UI_STORAGE_KEY);
}
