/**
 * UI state only (DESIGN "Where state lives"): the motion preference. Simulation state never comes
 * here; views select it from the runner. Playback speed lives in the URL (`speed`), so a shared
 * link plays the same way; the shell passes it to the panel.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type MotionPreference = 'system' | 'reduce' | 'full';

interface DisplaySlice {
  motion: MotionPreference;
  setMotion: (motion: MotionPreference) => void;
}

export type UiState = DisplaySlice;

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      motion: 'system',
      setMotion: (motion) => set({ motion }),
    }),
    {
      name: 'hyperv-poster-ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ motion: s.motion }),
    },
  ),
);
