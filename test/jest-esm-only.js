/**
 * ES-module-only dependencies that CommonJS code requires. Node 22+ loads them
 * with require(esm), but jest's own module loader does not, so every jest
 * config compiles them to CommonJS (jose: pulled in by firebase-admin 14
 * through jwks-rsa). Spread into a config: `...esmOnlyDependencies(tsTransform)`.
 */
const ESM_ONLY = ['jose'];

/** `transform` + `transformIgnorePatterns` for a config whose TypeScript transform is `tsTransform`. */
function esmOnlyDependencies(tsTransform) {
  return {
    transform: {
      '^.+\\.ts$': tsTransform,
      [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
        'ts-jest',
        { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true }, isolatedModules: true },
      ],
    },
    transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  };
}

module.exports = { esmOnlyDependencies };
