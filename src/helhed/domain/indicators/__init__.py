"""The indicator engine (pure core, no Django): every figure defined once, computed the same way
for every department, area, municipality, region and the country from a person-level extract.

Public face, for the Django app and the CLI:

- `registry.REGISTRY` / `registry.DEFINITIONS` — the definitions (frozen dataclasses);
- `engine.compute(extract, mapping=..., progress=...)` → `EngineResult` (rows + input hash);
- `validate.validate_extract(directory, mapping)` — validation only (raises `ExtractError`);
- `mapping.load_mapping(path)` — a YAML mapping file (raises `MappingError`);
- `sql.compile_sql(definition, level, persons_table, departments_table)` — portable SQL;
- `schema.create_table_sql(table, name)` — portable DDL for the extract tables;
- `aggregates.read_aggregate_file(path, departments)` / `aggregates.rollup_aggregates(...)`;
- `synth.generate(persons, years, out_dir, seed)` — the synthetic extract;
- `docs.render_indicators_markdown()` — docs/indicators.md.
"""
