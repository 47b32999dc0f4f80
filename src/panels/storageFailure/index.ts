import { definePanel } from '../kit/definePanel';
import { definition } from './definition';

export default definePanel(definition);
