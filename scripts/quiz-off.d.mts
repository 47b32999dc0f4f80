import type { Page } from '@playwright/test';

/** The key the app's settings are kept under (src/app/store.ts, UI_STORAGE_KEY). */
export const UI_STORAGE_KEY: string;
/** Runs in the page before the app: the persisted setting `quiz: false`. */
export function quizOffInPage(key: string): void;
/** Open every document of this page with the questions off. */
export function questionsOff(page: Page): Promise<void>;
