/**
 * Import rules of the layers in ../shared/DESIGN.md (imports point down only). Checked in
 * `npm test` by tests/layering.test.ts and by `npm run lint:deps`. Paths are matched with an
 * optional prefix so the rule test can run them on a fixture tree too.
 */
const P = '(?:^|/)';
module.exports = {
  forbidden: [
    { name: 'ui-state-no-numerics', severity: 'error', comment: 'the UI and the store ask the workers; they never compute (import src/contracts and src/compute)',
      from: { path: `${P}src/(ui|state)/` }, to: { path: `${P}src/(physics|linalg)/` } },
    { name: 'contracts-bottom', severity: 'error', comment: 'contracts are types, limits and checks that every layer may import; they import nothing of the project',
      from: { path: `${P}src/contracts/` }, to: { path: `${P}(src/(?!contracts/)|workers/|cli/)` } },
    { name: 'linalg-pure', severity: 'error', comment: 'src/linalg is pure numerics and imports nothing of the project',
      from: { path: `${P}src/linalg/` }, to: { path: `${P}(src/(?!linalg/)|workers/|cli/)` } },
    { name: 'physics-down-only', severity: 'error', comment: 'physics imports model, contracts and linalg only',
      from: { path: `${P}src/physics/` }, to: { path: `${P}(src/(ui|state|compute)/|workers/|cli/)` } },
    { name: 'engines-apart', severity: 'error', comment: 'the mean-field and the exact engine share model/, never each other',
      from: { path: `${P}src/physics/(meanfield|exact)/` }, to: { path: `${P}src/physics/(meanfield|exact)/`, pathNot: `${P}src/physics/$1/` } },
    { name: 'model-shared', severity: 'error', comment: 'model/ is what both engines share; it depends on neither',
      from: { path: `${P}src/physics/model/` }, to: { path: `${P}src/physics/(meanfield|exact)/` } },
    { name: 'compute-no-physics-code', severity: 'error', comment: 'compute runs on the main thread: physics/linalg only as types (erased), never as code',
      from: { path: `${P}src/compute/` }, to: { path: `${P}src/(physics|linalg)/`, dependencyTypesNot: ['type-only'] } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
