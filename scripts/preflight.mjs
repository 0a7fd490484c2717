// Fails fast with a clear message when Node is too old for Astro 7.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `This course site needs Node.js 22.12 or newer (you have ${process.versions.node}). ` +
      'On linux-x64, `npm install` fetches Node 24 into .cache/node by itself (scripts/setup/' +
      'ensure-node.mjs): run `npm install` again. Elsewhere install Node 24 LTS (see .nvmrc).',
  );
  process.exit(1);
}
