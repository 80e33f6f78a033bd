// pure-rand 8 publishes its modules only through package.json "exports" subpaths, which
// TypeScript's "node" (node10) module resolution used by this repo's tsconfig does not read.
// These declarations point the subpaths at the shipped typings so `tsc` and ts-node agree with
// what Node resolves at run time.
declare module "pure-rand/generator/xoroshiro128plus" {
  export * from "pure-rand/lib/generator/xoroshiro128plus";
}
declare module "pure-rand/distribution/uniformInt" {
  export * from "pure-rand/lib/distribution/uniformInt";
}
declare module "pure-rand/distribution/uniformFloat64" {
  export * from "pure-rand/lib/distribution/uniformFloat64";
}
declare module "pure-rand/distribution/uniformBigInt" {
  export * from "pure-rand/lib/distribution/uniformBigInt";
}
declare module "pure-rand/types/RandomGenerator" {
  export * from "pure-rand/lib/types/RandomGenerator";
}
