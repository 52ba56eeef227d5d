package com.mandatewatch.engine;

import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is who: clients, contracts, users; which contract governs an account; whose e-mail a role or a
 * username means. Rebuilt whenever reference data changes; immutable once built.
 */
public final class Directory {
    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, Contract> contracts = new HashMap<>();
    private final Map<String, Contract> watchedByAccount = new HashMap<>();
    private final Map<String, User> users = new HashMap<>();

    public Directory(Collection<Client> clients, Collection<Contract> contracts, Collection<User> users) {
        clients.forEach(c -> this.clients.put(c.code(), c));
        users.forEach(u -> this.users.put(u.username(), u));
        contracts.forEach(c -> this.contracts.put(c.code(), c));
        // an account is governed by its watched contract; should there be two, the later maturity wins
        contracts.stream().filter(c -> c.status().watched())
                .sorted(Comparator.comparing(Contract::maturityDate))
                .forEach(c -> watchedByAccount.put(c.account(), c));
    }

    public static Directory empty() { return new Directory(List.of(), List.of(), List.of()); }

    public Collection<Contract> contracts() { return contracts.values(); }

    public Optional<Contract> watched(String account) { return Optional.ofNullable(watchedByAccount.get(account)); }

    public Collection<String> watchedAccounts() { return watchedByAccount.keySet(); }

    /** The client whose account this is, from any of its contracts. */
    public String clientCode(String account) {
        Contract c = watchedByAccount.get(account);
        if (c != null) return c.clientCode();
        return contracts.values().stream().filter(k -> k.account().equals(account)).map(Contract::clientCode)
                .findFirst().orElse(null);
    }

    public Client client(String code) { return code == null ? null : clients.get(code); }

    public String clientName(String code) {
        Client c = client(code);
        return c == null ? null : c.name();
    }

    public Optional<String> email(String username) {
        User u = username == null ? null : users.get(username);
        return u == null || !u.active() || u.email() == null || u.email().isBlank() ? Optional.empty() : Optional.of(u.email());
    }

    public String managerOfAccount(String account) {
        Client c = client(clientCode(account));
        return c == null ? null : c.manager();
    }

    public List<String> emailsOfRole(Role role) {
        return users.values().stream().filter(u -> u.role() == role && u.active())
                .map(u -> u.email()).filter(e -> e != null && !e.isBlank()).sorted().toList();
    }
}
