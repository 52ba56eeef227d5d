package com.mandatewatch.bench;

final class DroolsEngine implements BenchEngine {
    public String name() { return "drools"; }
    public void load(Workload w, Trail t) { throw new UnsupportedOperationException(); }
    public void apply(int e) { }
}
