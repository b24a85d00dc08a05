// SQL fragments with knex placeholders (`?` values, `??` identifiers): how every query is composed.

/** A piece of SQL and its bindings, in order. Values are always bound, never spliced. */
export interface Frag {
  sql: string;
  bindings: unknown[];
}

export function frag(sql: string, ...bindings: unknown[]): Frag {
  return { sql, bindings };
}

/** Fills `{}` holes of a template with fragments, in order: sql`a {} b`(x). */
export function compose(template: string, ...parts: Frag[]): Frag {
  const pieces = template.split('{}');
  if (pieces.length !== parts.length + 1) throw new Error(`compose: ${pieces.length - 1} holes, ${parts.length} parts`);
  let sql = pieces[0];
  const bindings: unknown[] = [];
  parts.forEach((p, i) => {
    sql += p.sql + pieces[i + 1];
    bindings.push(...p.bindings);
  });
  return { sql, bindings };
}

export function joinFrags(parts: Frag[], separator: string): Frag {
  return { sql: parts.map((p) => p.sql).join(separator), bindings: parts.flatMap((p) => p.bindings) };
}

/** `expr IN (?, ?, …)`, or a false condition for an empty list. */
export function inList(expr: Frag, values: readonly unknown[]): Frag {
  if (values.length === 0) return frag('1 = 0');
  return compose('{} IN {}', expr, frag(`(${values.map(() => '?').join(', ')})`, ...values));
}
