import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// Which fields a resolver's result will be asked for, so a parent can read once what several of its
// children need. Fragments are followed, aliases and @skip/@include ignored: the answer may name a field
// that ends up skipped, never miss one.

// Apollo's document store hands out the same parsed document for the same query text, so the answer
// is kept per field node and path, for as long as that document is cached.
const namesOfNode = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

/** The names of the fields selected on the value this resolver returns (`__typename` included). */
export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  return selectedFieldNamesAt(info, []);
}

/**
 * The names of the fields selected below `path` of this resolver's selection: with path
 * `['edges', 'node', 'job']`, those of every `job` under every `node` under every `edges`.
 */
export function selectedFieldNamesAt(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  const [first, ...others] = info.fieldNodes;
  if (first === undefined) return new Set();
  if (others.length > 0) return namesAt(info, info.fieldNodes, path);
  let byPath = namesOfNode.get(first);
  if (byPath === undefined) {
    byPath = new Map();
    namesOfNode.set(first, byPath);
  }
  const key = path.join('.');
  let names = byPath.get(key);
  if (names === undefined) {
    names = namesAt(info, [first], path);
    byPath.set(key, names);
  }
  return names;
}

function namesAt(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[],
  path: readonly string[],
): Set<string> {
  let current = nodes;
  for (const step of path) {
    const next: FieldNode[] = [];
    forEachSelectedField(info, current, (field) => {
      if (field.name.value === step) next.push(field);
    });
    current = next;
  }
  const names = new Set<string>();
  forEachSelectedField(info, current, (field) => names.add(field.name.value));
  return names;
}

function forEachSelectedField(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[],
  visitField: (field: FieldNode) => void,
): void {
  const seenFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) visitField(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
}
