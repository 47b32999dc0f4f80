/**
 * UI state only (DESIGN "Where state lives"): the motion preference and whether the self-check
 * questions are asked. Simulation state never comes here; views select it from the runner.
 * Playback speed lives in the URL (`speed`), so a shared link plays the same way; so do presenter
 * mode (`present`) and a link's own choice about questions (`quiz`); the shell passes them on.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type MotionPreference = 'system' | 'reduce' | 'full';

interface DisplaySlice {
  motion: MotionPreference;
  setMotion: (motion: MotionPreference) => void;
}

interface LearningSlice {
  /** Ask the panels' self-check questions (on by default, for readers). */
  quiz: boolean;
  setQuiz: (on: boolean) => void;
}

export type UiState = DisplaySlice & LearningSlice;

/** The key the settings are kept under in localStorage. */
export const UI_STORAGE_KEY = 'hyperv-poster-ui';

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      motion: 'system',
      setMotion: (motion) => set({ motion }),
      quiz: true,
      setQuiz: (quiz) => set({ quiz }),
    }),
    {
      name: UI_STORAGE_KEY,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ motion: s.motion, quiz: s.quiz }),
    },
  ),
);
