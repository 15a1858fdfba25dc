package sqlite

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// timeLayout is fixed-width, so that times stored as text sort as times.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// formatTime encodes t for storage, in UTC; the zero time is "".
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// timeCol scans a stored time; "" and NULL scan to the zero time.
type timeCol struct{ t *time.Time }

// Scan implements sql.Scanner.
func (c timeCol) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case time.Time:
		*c.t = v.UTC()
		return nil
	default:
		return fmt.Errorf("sqlite: cannot scan %T as a time", v)
	}
	if s == "" {
		*c.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("sqlite: bad stored time %q: %w", s, err)
	}
	*c.t = t
	return nil
}

// Value implements driver.Valuer.
func (c timeCol) Value() (driver.Value, error) { return formatTime(*c.t), nil }
