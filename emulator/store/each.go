package store

// Each calls fn with each record of scope/kind decoded into a new T, in
// key order. Returning ErrStop from fn ends the walk without error.
func Each[T any](t *Tx, scope, kind string, fn func(*T) error) error {
	return t.ForEach(scope, kind, "", "", func(_ string, decode Decoder) error {
		v := new(T)
		if err := decode(v); err != nil {
			return err
		}
		return fn(v)
	})
}
