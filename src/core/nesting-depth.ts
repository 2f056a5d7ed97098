/**
 * How deeply a parsed JSON value nests, measured without recursion: the depth limit exists
 * because serialising, expanding and mapping a record recurse once per level, and a value
 * nested 5,000 deep overflows the call stack of each of them.
 */

/** Levels of arrays/objects in `value` (a scalar is 0, `{"a": 1}` is 1), counted up to `stopAbove` + 1. */
export function jsonDepth(value: unknown, stopAbove = Infinity): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > stopAbove) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, level]);
    }
  }
  return deepest;
}
