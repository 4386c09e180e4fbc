-- The findings of a trace are found by containment on the stored finding's traceIds through a GIN index
-- (io.thinkwatch.review.ReviewStore#forTrace), instead of a LIKE scan over the JSON text that grew with the queue.
-- Existing rows are JSON written by the review consumer, so the cast reads every one of them.
alter table review_item alter column finding type jsonb using finding::jsonb;
create index review_item_trace_ids on review_item using gin ((finding -> 'traceIds') jsonb_path_ops);
