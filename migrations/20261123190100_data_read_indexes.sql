-- Satu Data: indexes for the public read paths (resource by lineage id, dataset by published revision).
CREATE INDEX data_resources_lineage_idx ON data_resources (lineage_id);
CREATE INDEX data_datasets_published_rev_idx ON data_datasets (published_revision_id);
