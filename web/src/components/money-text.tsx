import { formatMoney, type MinorAmount } from '../lib/format-money.ts';

/** An amount from minor units; "—" when there is none (an opportunity without an amount). */
export function MoneyText({ amount }: { readonly amount: MinorAmount | null }) {
  if (amount === null) return <span className="muted">—</span>;
  return <span className="money">{formatMoney(amount)}</span>;
}
