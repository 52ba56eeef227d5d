package com.mandatewatch.demo;

import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Security;
import com.mandatewatch.feed.FeedEvent;

import java.time.LocalDate;
import java.util.List;

/**
 * The demo data set as {@link DemoDataSet#build()} makes it. {@code openingEvents} are the opening prices (the
 * closes of the last trading day before {@code replayStart}) followed by the initial positions, CASH included,
 * all stamped {@code replayStart}T09:00+08:00; feed them before the first {@link ReplayDay}.
 */
public record DemoData(LocalDate replayStart, List<DemoUser> users, List<Client> clients, List<Contract> contracts,
                       List<Security> securities, List<FeedEvent> openingEvents) {
    public DemoData {
        users = List.copyOf(users);
        clients = List.copyOf(clients);
        contracts = List.copyOf(contracts);
        securities = List.copyOf(securities);
        openingEvents = List.copyOf(openingEvents);
    }
}
