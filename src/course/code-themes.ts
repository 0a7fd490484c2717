/**
 * Shiki themes for code, one per site theme. The GitHub "default" pair keeps comments at or
 * above 4.5:1 contrast on their own backgrounds in both themes (checked by the axe tests).
 */
export const codeThemes = { light: 'github-light-default', dark: 'github-dark-default' } as const;
