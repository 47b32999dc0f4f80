import type { Preview } from '@storybook/react-vite';
import './preview.css';
import '../src/styles.css';

const preview: Preview = {
  parameters: {
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
    a11y: {
      // Accessibility violations fail the story tests (npm run test:stories).
      test: 'error',
    },
  },
};

export default preview;
