-- ICC-2 review fix: gas still on the customer's card (written by the desk, not yet inserted into the meter) is not
-- replenished again. `card_volume` is what the card read at filing held (0 when it was loaded, or when its last
-- write was not one the system recorded for that meter); null when the card was not read (card lost/damaged).
ALTER TABLE ic_replenishments ADD COLUMN card_volume numeric(12, 3) CHECK (card_volume >= 0);
