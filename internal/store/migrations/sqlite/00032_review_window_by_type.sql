-- +goose Up
-- Review by claim narrowed to a type (a property, or an event type through
-- its eventType statements) reads the oldest proposed statements of that
-- property in order, as statements_status_created serves the whole queue:
-- without it the window would walk every proposed statement to find the
-- few of a rare property.
CREATE INDEX statements_status_property_created ON statements(status, property, created_at, id);

-- +goose Down
DROP INDEX statements_status_property_created;
