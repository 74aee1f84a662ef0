package dev.bantubox.engine.network;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.bantubox.engine.EngineException;
import dev.bantubox.engine.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The container addresses of one bridge, one file per address in use. A lease file is created with
 * link(2), which fails when the name exists, so two engines (or two threads) can never take the same
 * address, and no lock file is needed. A lease is deleted when its container has exited or was
 * removed, or when a later start finds it stale.
 */
public final class AddressLeases {
    private final Path directory;
    private final Ipv4Subnet subnet;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().create();

    /** What one address is used for; the field names are the JSON keys. */
    public static final class Lease {
        public String address;
        public String containerId;
        /** The bridge-side end of the container's veth pair, once named. */
        public String hostInterface;
        /** The container-side end's name on the host side, before it moves in and becomes eth0. */
        public String peerInterface;
        /** The engine process that made the lease, and when it started; it removes the lease when done. */
        public long enginePid;
        public String engineStarted;
        /** The container's first process, and its network namespace link ({@code net:[4026532…]}). */
        public int containerPid;
        public String containerNetNamespace;
        /** True when the address is in the NAT table's source set. */
        public boolean nat;
    }

    public AddressLeases(Path directory, Ipv4Subnet subnet) {
        this.directory = directory;
        this.subnet = subnet;
    }

    /** Takes the lowest free address for the container; throws when every address is taken. */
    public Lease allocate(String containerId) {
        Lease lease = new Lease();
        lease.containerId = containerId;
        ProcessHandle self = ProcessHandle.current();
        lease.enginePid = self.pid();
        lease.engineStarted = self.info().startInstant().map(Object::toString).orElse("");
        try {
            Files.createDirectories(directory);
            Path draft = Files.createTempFile(directory, ".lease-", ".tmp");
            try {
                for (int index = 0; index < subnet.containerAddressCount(); index++) {
                    lease.address = subnet.containerAddress(index);
                    Files.writeString(draft, gson.toJson(lease), StandardCharsets.UTF_8);
                    try {
                        Files.createLink(fileOf(lease.address), draft);
                        return lease;
                    } catch (FileAlreadyExistsException taken) {
                        // Another container holds this address; try the next one.
                    }
                }
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an address lease in " + directory, e);
        }
        throw new EngineException("every address of " + subnet + " is leased (" + subnet.containerAddressCount()
                + " containers): remove stopped containers, or set BANTUBOX_SUBNET to a larger subnet");
    }

    /** Saves a changed lease over the old one; the file exists throughout, so the address stays taken. */
    public void update(Lease lease) {
        Json.writeAtomically(gson, fileOf(lease.address), lease);
    }

    /** Frees the address. */
    public void release(String address) {
        try {
            Files.deleteIfExists(fileOf(address));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the lease of " + address + " in " + directory, e);
        }
    }

    /** Every lease held now. */
    public List<Lease> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Lease> leases = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().startsWith(".")) {
                    continue;
                }
                try {
                    leases.add(Json.read(gson, file, Lease.class));
                } catch (UncheckedIOException gone) {
                    if (!(gone.getCause() instanceof NoSuchFileException)) {
                        throw gone;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the address leases in " + directory, e);
        }
        return leases;
    }

    /** The lease file; the address is checked first so that no other text becomes a path. */
    private Path fileOf(String address) {
        Ipv4Subnet.parseAddress(address);
        return directory.resolve(address);
    }
}
