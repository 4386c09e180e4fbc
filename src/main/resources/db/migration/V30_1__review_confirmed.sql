-- Issue 21: reviewers confirm a finding (a monitor's verdict judged right) besides marking it a false positive; a
-- rule's precision is confirmed / (confirmed + false positive). Numbered 30.1 so it sorts after any V30.
alter table review_item drop constraint if exists review_item_state_check;
alter table review_item add constraint review_item_state_check
    check (state in ('open', 'acknowledged', 'resolved', 'false_positive', 'confirmed'));
