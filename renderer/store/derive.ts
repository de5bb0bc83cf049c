// Browser runtime, but pure. A selector that computes from a few inputs and returns the same
// object while those inputs are the same objects, as React's store subscription requires.

export function derive<S, const D extends readonly unknown[], R>(
  inputs: (state: S) => D,
  compute: (...deps: D) => R,
): (state: S) => R {
  let last: { deps: D; result: R } | null = null;
  return (state) => {
    const deps = inputs(state);
    if (last && deps.length === last.deps.length && deps.every((dep, i) => Object.is(dep, last!.deps[i])))
      return last.result;
    const result = compute(...deps);
    last = { deps, result };
    return result;
  };
}
