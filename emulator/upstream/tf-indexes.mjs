/**
 * The composite indexes firebase-js-sdk's integration tests rely on in
 * production, as a firestore.indexes.json for the emulator's strict index
 * mode. Upstream declares them in Terraform (packages/firestore/
 * firestore_{composite,collection_group}_index_config.tf: `locals` maps of
 * `indexN = [{ field_path, order | array_config }, ...]`) for the collection
 * the CompositeIndexTestHelper writes to. Only that simple shape is read.
 */

/** Each `indexN = [ ... ]` list of the file as index fields. */
function parseLocals(tf) {
  const indexes = [];
  for (const m of tf.matchAll(/\bindex\d+\s*=\s*\[([\s\S]*?)\]/g)) {
    const fields = [];
    for (const block of m[1].matchAll(/\{([\s\S]*?)\}/g)) {
      const attr = (name) => {
        const a = new RegExp(`\\b${name}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(block[1]);
        return a ? JSON.parse(`"${a[1]}"`) : undefined; // HCL string escapes are JSON's
      };
      const fieldPath = attr('field_path');
      if (!fieldPath) continue;
      const arrayConfig = attr('array_config');
      fields.push(arrayConfig ? { fieldPath, arrayConfig } : { fieldPath, order: attr('order') ?? 'ASCENDING' });
    }
    if (fields.length > 0) indexes.push(fields);
  }
  return indexes;
}

/** firestore.indexes.json content from the two Terraform files (either may be missing: pass undefined). */
export function indexesFromTerraform({ composite, collectionGroup }, collection) {
  const indexes = [
    ...parseLocals(composite ?? '').map((fields) => ({ collectionGroup: collection, queryScope: 'COLLECTION', fields })),
    ...parseLocals(collectionGroup ?? '').map((fields) => ({ collectionGroup: collection, queryScope: 'COLLECTION_GROUP', fields })),
  ];
  return { indexes, fieldOverrides: [] };
}
