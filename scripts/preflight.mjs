// Fails fast with a clear message when Node is too old for Astro 7.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `This course site needs Node.js 22.12 or newer (you have ${process.versions.node}). ` +
      'Install Node 24 LTS (see .nvmrc), then run the command again.',
  );
  process.exit(1);
}
