"""Rich rendering of a plan: a sectioned summary with units, and explanation trees."""

from __future__ import annotations

from gigawatt.result import Plan, format_value

SUMMARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Compute",
        (
            "gpu_count",
            "system_count",
            "rack_count",
            "peak_bf16_flop_per_s",
            "peak_fp8_flop_per_s",
            "peak_fp4_flop_per_s",
            "hbm_total_tb",
        ),
    ),
    (
        "Power",
        (
            "gpu_power_mw",
            "host_power_mw",
            "scaleup_switch_power_mw",
            "network_power_mw",
            "storage_power_mw",
            "it_power_mw",
            "distribution_loss_mw",
            "cooling_power_mw",
            "facility_power_mw",
            "pue",
            "pue_annual",
            "water_m3_per_year",
        ),
    ),
    (
        "Network",
        (
            "scaleout_gbps_per_gpu",
            "plane_count",
            "tier_count",
            "switch_count",
            "transceiver_count",
            "network_capex_usd",
        ),
    ),
    (
        "Energy and supply",
        (
            "grid_mw",
            "turbine_count",
            "turbine_capacity_mw",
            "firm_capacity_mw",
            "battery_mw",
            "battery_mwh",
            "facility_energy_mwh_per_year",
            "grid_energy_mwh_per_year",
            "gas_energy_mwh_per_year",
            "fuel_mmbtu_per_year",
            "co2_t_per_year",
        ),
    ),
    (
        "Cost",
        (
            "it_capex_usd",
            "network_capex_usd",
            "facility_capex_usd",
            "generation_capex_usd",
            "battery_capex_usd",
            "capex_usd",
            "opex_usd_per_year",
            "annualized_capex_usd_per_year",
            "tco_usd_per_year",
            "cost_usd_per_gpu_hour",
        ),
    ),
    (
        "Training",
        (
            "param_count",
            "training_flop",
            "training_tokens_per_s",
            "training_flop_per_s_per_gpu",
            "training_mfu_frac",
            "training_memory_gb_per_gpu",
            "ideal_time_to_train_days",
            "job_mtti_h",
            "ettr_frac",
            "time_to_train_days",
        ),
    ),
    (
        "Schedule and finance",
        (
            "first_training_days",
            "full_capacity_days",
            "full_capacity_p90_days",
            "idle_gpu_cost_usd",
            "temporary_power_usd",
            "levelized_usd_per_gpu_hour",
            "npv_usd",
            "irr_frac",
            "cost_per_training_run_usd",
            "delay_cost_usd_per_month",
        ),
    ),
)


def render_plan(plan: Plan, console) -> None:
    from rich.table import Table

    sc = plan.scenario
    title = sc.site.name + (f" — {sc.site.location}" if sc.site.location else "")
    model = sc.workload.model if isinstance(sc.workload.model, str) else "inline shape"
    console.print(f"[bold]{title}[/bold]  ({sc.compute.system}, model {model})")
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("quantity", style="cyan", no_wrap=True)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("unit", no_wrap=True)
    for section, names in SUMMARY:
        table.add_row(f"[bold]{section}[/bold]", "", "", style="default")
        for name in names:
            if name not in plan.metrics:
                continue
            m = plan.metrics[name]
            table.add_row(
                f"  {name}",
                format_value(m.value, m.unit, with_unit=False),
                "" if m.unit == "1" else m.unit,
            )
    console.print(table)
    console.print(f"[bold]binding constraint:[/bold] {plan.binding_constraint()}")
    for text in plan.warnings():
        console.print(f"[bold yellow]warning:[/bold yellow] {text}")


def render_explanation(exp, console) -> None:
    from rich.tree import Tree

    def label(e) -> str:
        text = f"[cyan]{e.name}[/cyan] = [bold]{format_value(e.value, e.unit)}[/bold]"
        if e.summary:
            text += f"  [dim]{e.summary}[/dim]"
        return text

    def grow(tree, e) -> None:
        if e.formula:
            tree.add(f"[green]{e.formula}[/green]")
        if e.origin:
            tree.add(f"[yellow]from:[/yellow] {e.origin}")
        if e.references:
            tree.add(f"[magenta]references:[/magenta] {' '.join(e.references.split())}")
        for child in e.inputs:
            grow(tree.add(label(child)), child)
        if e.truncated:
            tree.add("[dim]… inputs below this depth (raise --depth)[/dim]")

    root = Tree(label(exp))
    grow(root, exp)
    console.print(root)
    sources = exp.sources()
    if sources:
        console.print("[bold]sources of the inputs used:[/bold]")
        for s in sources:
            console.print(f"  • {s}")
