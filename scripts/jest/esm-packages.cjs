// Lists installed packages published as ES modules ("type": "module"), for transformIgnorePatterns.
const fs = require('node:fs');
const path = require('node:path');

function esmPackages(nodeModules) {
  const names = [];
  const visit = (dir, scope) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (!scope && entry.name.startsWith('@')) {
        visit(path.join(dir, entry.name), entry.name);
        continue;
      }
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, entry.name, 'package.json'), 'utf8'));
        if (pkg.type === 'module') names.push(scope ? `${scope}/${entry.name}` : entry.name);
      } catch {
        /* not a package */
      }
    }
  };
  visit(nodeModules);
  return names;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
module.exports = (nodeModules) => `/node_modules/(?!(${esmPackages(nodeModules).map(escape).join('|')})/)`;
