package orders

// PickSheet returns the pick sheet of an order for the picker's handheld and
// marks the order as being picked.
func (s *Store) PickSheet(number, picker string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.orders[number]
	if !ok {
		return "", ErrNotFound
	}
	if o.Status == Cancelled {
		return "", ErrCancelled
	}
	o.Status = Picking
	o.Picker = picker
	o.Printed++
	header := sheetHeader{
		Number:   o.Number,
		Customer: o.Customer,
		Carrier:  o.Carrier,
		Cutoff:   o.Cutoff,
		Picker:   picker,
		Reprint:  o.Printed > 1,
	}
	lines := append([]Line(nil), o.Lines...)
	return renderSheet(header, lines, s.now())
}
