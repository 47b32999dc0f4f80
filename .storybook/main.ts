import type { StorybookConfig } from '@storybook/react-vite';
import type { PluginOption } from 'vite';

/** Plugins from vite.config.ts that only make sense for the real app build. */
const APP_ONLY_PLUGIN = /^(?:vite-plugin-pwa|hyperv:csp-meta)/;

async function flattenPlugins(options: PluginOption[]): Promise<PluginOption[]> {
  const out: PluginOption[] = [];
  for (const option of options) {
    const resolved = await option;
    if (Array.isArray(resolved)) out.push(...(await flattenPlugins(resolved)));
    else if (resolved) out.push(resolved);
  }
  return out;
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    // Storybook loads vite.config.ts; drop the service worker / manifest and the CSP <meta>
    // (Storybook's own iframe uses inline scripts).
    const plugins = await flattenPlugins(viteConfig.plugins ?? []);
    return {
      ...viteConfig,
      plugins: plugins.filter(
        (plugin) => !(plugin && 'name' in plugin && APP_ONLY_PLUGIN.test(plugin.name)),
      ),
    };
  },
};

export default config;
