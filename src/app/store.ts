/**
 * UI state only (DESIGN "Where state lives"): playback speed, motion preference, presenter mode.
 * Simulation state never comes here; views select it from the runner.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type MotionPreference = 'system' | 'reduce' | 'full';

interface PlaybackSlice {
  speed: number;
  setSpeed: (speed: number) => void;
}

interface DisplaySlice {
  motion: MotionPreference;
  setMotion: (motion: MotionPreference) => void;
  presenter: boolean;
  setPresenter: (on: boolean) => void;
}

export type UiState = PlaybackSlice & DisplaySlice;

export const useUi = create<UiState>()(
  persist(
    (set) => ({
      speed: 1,
      setSpeed: (speed) => set({ speed }),
      motion: 'system',
      setMotion: (motion) => set({ motion }),
      presenter: false,
      setPresenter: (presenter) => set({ presenter }),
    }),
    {
      name: 'hyperv-poster-ui',
      storage: createJSONStorage(() => localStorage),
      // Speed comes from the link (or its default), so a shared link plays the same way.
      partialize: (s) => ({ motion: s.motion, presenter: s.presenter }),
    },
  ),
);
