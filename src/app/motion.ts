import { useReducedMotion } from 'framer-motion';
import { useUi } from './store';

/** Movement is reduced when the system asks for it (unless overridden) or the in-app switch says so. */
export function useMotionReduced(): boolean {
  const system = useReducedMotion() ?? false;
  const motion = useUi((s) => s.motion);
  return motion === 'reduce' || (motion === 'system' && system);
}
