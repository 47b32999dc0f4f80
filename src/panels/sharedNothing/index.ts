import type { PanelModule } from '../types';
import { Panel } from './Panel';
import { Thumbnail } from './Thumbnail';

const panel: PanelModule = { Panel, Thumbnail };
export default panel;
