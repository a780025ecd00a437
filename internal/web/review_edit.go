package web

import (
	"context"

	"github.com/athar-project/athar/internal/model"
	"github.com/athar-project/athar/internal/store"
)

// editStatement never overwrites what a source said: the statement is
// rejected, and a manual statement with the corrected value, the same
// entity, property, source, quote, dates, modality and role takes its place,
// confirmed by the reviewer who wrote it. A corrected value that no longer
// reads as the linked entity's name keeps no link.
func editStatement(ctx context.Context, tx *store.Tx, st model.Statement, value string, level model.Sensitivity, comment string) error {
	note := "edited"
	if comment != "" {
		note += ": " + comment
	}
	if err := tx.Review(ctx, st.ID, model.StatusRejected, note); err != nil {
		return err
	}
	fixed := model.Statement{EntityID: st.EntityID, Property: st.Property, Value: value, SourceID: st.SourceID,
		Span: st.Span, DateStart: st.DateStart, DateEnd: st.DateEnd, Confidence: 1, Origin: "manual",
		Modality: st.Modality, Role: st.Role, Sensitivity: level}
	if st.Property == model.PropDate {
		if d, err := model.ParseDate(value); err == nil {
			fixed.DateStart = d
		}
	}
	if err := tx.AddStatement(ctx, &fixed); err != nil {
		return err
	}
	if err := tx.Review(ctx, fixed.ID, model.StatusConfirmed, "correction of "+st.ID); err != nil {
		return err
	}
	return indexEdit(ctx, tx, fixed.ID)
}
