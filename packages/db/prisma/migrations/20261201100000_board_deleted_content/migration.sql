-- Deleted board content must be gone (issue 9, point 3). Data only: the schema does not change.
-- The server now keeps a deleted element as a bare tombstone, accepts only the element types
-- the Piiri board makes, and no snapshot names an author of a note in an anonymous frame. This
-- rewrites what was stored before. Every step is idempotent. (No semicolons or quotes in
-- these comments: the Prisma schema engine splits the script at them.)

-- 1. Elements of types the board does not accept (embedded web pages and the like) become
--    deletions. Version and nonce stay: on a tie the deletion wins (its merge key is empty, see
--    @piiri/domain/board/merge), so every client adopts it and no version can overflow.
UPDATE "BoardElement"
   SET "isDeleted" = true,
       "updatedAt" = CURRENT_TIMESTAMP
 WHERE NOT "isDeleted"
   AND NOT (COALESCE("data"->>'type', '') = ANY (ARRAY['rectangle', 'diamond', 'ellipse', 'arrow', 'line', 'freedraw', 'text', 'image', 'frame']));

-- 2. Every deletion keeps only what the merge needs. Its merge key is the empty string and its
--    size is that of its JSON (as the server measures it: compact UTF-8).
UPDATE "BoardElement"
   SET "data" = jsonb_build_object('id', "elementId", 'version', "version", 'versionNonce', "versionNonce", 'isDeleted', true),
       "contentKey" = '',
       "frameId" = NULL,
       "bytes" = octet_length('{"id":' || to_jsonb("elementId")::text || ',"version":' || "version"::text
                              || ',"versionNonce":' || "versionNonce"::text || ',"isDeleted":true}')
 WHERE "isDeleted";

-- 3. Snapshots keep only elements of the accepted types.
UPDATE "BoardSnapshot" s
   SET "elements" = (SELECT COALESCE(jsonb_agg(e.value ORDER BY e.n), '[]'::jsonb)
                       FROM jsonb_array_elements(s."elements") WITH ORDINALITY AS e(value, n)
                      WHERE COALESCE(e.value->>'type', '') = ANY (ARRAY['rectangle', 'diamond', 'ellipse', 'arrow', 'line', 'freedraw', 'text', 'image', 'frame']))
 WHERE EXISTS (SELECT 1
                 FROM jsonb_array_elements(s."elements") AS e(value)
                WHERE NOT (COALESCE(e.value->>'type', '') = ANY (ARRAY['rectangle', 'diamond', 'ellipse', 'arrow', 'line', 'freedraw', 'text', 'image', 'frame'])));

UPDATE "BoardSnapshot"
   SET "elementCount" = jsonb_array_length("elements")
 WHERE "elementCount" <> jsonb_array_length("elements");

-- 4. In snapshots, elements of frames that are anonymous (on the board now, or when the snapshot
--    was saved) lose every author-like customData key (the rule of @piiri/domain/board/rules
--    isAuthorKey), and a customData left empty is removed.
WITH anonymous AS (
  SELECT s."id", array_agg(DISTINCT f.frame_id) AS frame_ids
    FROM "BoardSnapshot" s
    CROSS JOIN LATERAL (
      SELECT bf."frameId" AS frame_id
        FROM "BoardFrame" bf
       WHERE bf."groupId" = s."groupId" AND bf."anonymous"
      UNION
      SELECT fr.value->>'frameId'
        FROM jsonb_array_elements(s."frames") AS fr(value)
       WHERE fr.value->>'anonymous' = 'true'
    ) AS f
   GROUP BY s."id"
),
rewritten AS (
  SELECT a."id",
         jsonb_agg(
           CASE
             WHEN (e.value->>'frameId' = ANY (a.frame_ids) OR e.value->>'id' = ANY (a.frame_ids))
                  AND jsonb_typeof(e.value->'customData') = 'object'
                  AND kept.custom <> e.value->'customData'
               THEN CASE WHEN kept.custom = '{}'::jsonb THEN e.value - 'customData'
                         ELSE jsonb_set(e.value, '{customData}', kept.custom) END
             ELSE e.value
           END
           ORDER BY e.n) AS elements
    FROM anonymous a
    JOIN "BoardSnapshot" s ON s."id" = a."id"
    CROSS JOIN LATERAL jsonb_array_elements(s."elements") WITH ORDINALITY AS e(value, n)
    CROSS JOIN LATERAL (
      SELECT COALESCE(jsonb_object_agg(c.key, c.value), '{}'::jsonb) AS custom
        FROM jsonb_each(CASE WHEN jsonb_typeof(e.value->'customData') = 'object'
                             THEN e.value->'customData' ELSE '{}'::jsonb END) AS c(key, value)
       WHERE c.key !~* '^(author|creator|createdby|owner|membership|user)'
    ) AS kept
   GROUP BY a."id"
)
UPDATE "BoardSnapshot" s
   SET "elements" = r.elements
  FROM rewritten r
 WHERE s."id" = r."id" AND s."elements" <> r.elements;
