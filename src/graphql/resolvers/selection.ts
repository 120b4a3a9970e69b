import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// Which fields a resolver's result will be asked for, so a parent can read once what several of its
// children need. Fragments are followed and @skip/@include ignored: the answer may name a field that
// ends up skipped, never miss one.

// Apollo's document store hands out the same parsed document for the same query text, so the answer
// is kept per field node, for as long as that document is cached.
const namesOfNode = new WeakMap<FieldNode, ReadonlySet<string>>();

/** The names of the fields selected on the value this resolver returns (`__typename` included). */
export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  const [first, ...others] = info.fieldNodes;
  if (first === undefined) return new Set();
  if (others.length === 0) {
    let names = namesOfNode.get(first);
    if (names === undefined) {
      names = collect(info, [first]);
      namesOfNode.set(first, names);
    }
    return names;
  }
  return collect(info, info.fieldNodes);
}

function collect(info: GraphQLResolveInfo, nodes: readonly FieldNode[]): Set<string> {
  const names = new Set<string>();
  const seenFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return names;
}
