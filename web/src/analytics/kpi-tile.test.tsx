// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KpiTile, type KpiTileView } from './kpi-tile.tsx';
import { definition } from './testing/fake-metrics-api.ts';

function tile(overrides: Partial<KpiTileView>): KpiTileView {
  return {
    metric: definition('bookings', { name: 'Bookings', description: 'Closed-won business.', formula: 'Σ won amounts' }),
    current: { value: 150000, display: '$1,500.00', recordCount: 3 },
    previous: { value: 100000, display: '$1,000.00', recordCount: 2 },
    change: 50000,
    ...overrides,
  };
}

afterEach(cleanup);

describe('KpiTile', () => {
  it('shows the value, the previous period’s value and the change', () => {
    render(<KpiTile tile={tile({})} currency="USD" onOpen={() => undefined} />);
    const card = within(screen.getByTestId('kpi-bookings'));
    expect([card.getByRole('button').textContent, card.getByText(/Previous period/).textContent]).toEqual(['$1,500.00', 'Previous period: $1,000.00']);
    expect(card.getByText(/\+\$500\.00/)).toBeTruthy();
  });

  it('colours a rise as good news when higher is better', () => {
    render(<KpiTile tile={tile({})} currency="USD" onOpen={() => undefined} />);
    expect(screen.getByText(/\+\$500\.00/).className).toContain('kpi-change-better');
  });

  it('colours a shorter sales cycle as good news, the metric’s direction being lower is better', () => {
    const cycle = tile({ metric: definition('sales_cycle_median_days', { name: 'Sales cycle', unit: 'days', direction: 'lower_is_better' }), change: -4 });
    render(<KpiTile tile={cycle} currency="USD" onOpen={() => undefined} />);
    const change = within(screen.getByTestId('kpi-sales_cycle_median_days')).getByText(/-4 days/);
    expect([change.getAttribute('data-tone'), change.textContent]).toEqual(['better', '▼ -4 days (an improvement)']);
  });

  it('takes no colour when a side of the comparison has no value', () => {
    render(<KpiTile tile={tile({ change: null })} currency="USD" onOpen={() => undefined} />);
    expect(screen.getByText('—').closest('p')?.getAttribute('data-tone')).toBe('neutral');
  });

  it('gives the description as help text and the formula on hover', () => {
    render(<KpiTile tile={tile({})} currency="USD" onOpen={() => undefined} />);
    const card = screen.getByTestId('kpi-bookings');
    expect([card.getAttribute('aria-describedby') === screen.getByText('Closed-won business.').id, screen.getByRole('heading', { name: 'Bookings' }).getAttribute('title')]).toEqual([true, 'Formula: Σ won amounts']);
  });

  it('opens the deals behind the value when the value is pressed', () => {
    const onOpen = vi.fn();
    render(<KpiTile tile={tile({})} currency="USD" onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: /Bookings \$1,500\.00/ }));
    expect(onOpen).toHaveBeenCalledOnce();
  });
});
