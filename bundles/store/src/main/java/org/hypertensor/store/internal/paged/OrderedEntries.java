package org.hypertensor.store.internal.paged;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a {@link TreeMap} from entries read in increasing key order, as the stored records hold them, in linear
 * time: TreeMap's copy constructor builds a balanced tree directly from a sorted map's entries, where a put per entry
 * searches and rebalances (at open, those puts were most of the time spent decoding the journal's records). An entry
 * out of order (never written so) switches to one put per entry, so the result is always the map that puts give.
 */
final class OrderedEntries<K, V> {
    private final Comparator<? super K> order;
    private final List<Map.Entry<K, V>> entries;
    /** Set once an entry is not after the previous one: the map is then built by puts. */
    private TreeMap<K, V> unordered;

    OrderedEntries(Comparator<? super K> order, int expected) {
        this.order = order;
        this.entries = new ArrayList<>(expected);
    }

    void add(K key, V value) {
        if (unordered != null) {
            unordered.put(key, value);
        } else if (entries.isEmpty()
                || order.compare(entries.get(entries.size() - 1).getKey(), key) < 0) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
        } else {
            unordered = new TreeMap<>(order);
            for (Map.Entry<K, V> e : entries) {
                unordered.put(e.getKey(), e.getValue());
            }
            unordered.put(key, value);
        }
    }

    TreeMap<K, V> toTreeMap() {
        return unordered != null ? unordered : new TreeMap<>(new Sorted(0, entries.size()));
    }

    /** The first index in {@code [from, to)} whose key is not below {@code key}. */
    private int lowerBound(int from, int to, K key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(entries.get(mid).getKey(), key) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Entries {@code [from, to)} as a read-only sorted map: what TreeMap's copy constructor reads (comparator, size,
     * entries in order), and the rest of the interface by binary search over the ordered entries.
     */
    private final class Sorted extends AbstractMap<K, V> implements SortedMap<K, V> {
        private final int from;
        private final int to;

        Sorted(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Comparator<? super K> comparator() {
            return order;
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<K, V>> iterator() {
                    return Collections.unmodifiableList(entries.subList(from, to))
                            .iterator();
                }

                @Override
                public int size() {
                    return to - from;
                }
            };
        }

        @Override
        public SortedMap<K, V> subMap(K fromKey, K toKey) {
            int lo = lowerBound(from, to, fromKey);
            return new Sorted(lo, Math.max(lo, lowerBound(from, to, toKey)));
        }

        @Override
        public SortedMap<K, V> headMap(K toKey) {
            return new Sorted(from, lowerBound(from, to, toKey));
        }

        @Override
        public SortedMap<K, V> tailMap(K fromKey) {
            return new Sorted(lowerBound(from, to, fromKey), to);
        }

        @Override
        public K firstKey() {
            return edge(from);
        }

        @Override
        public K lastKey() {
            return edge(to - 1);
        }

        private K edge(int index) {
            if (from == to) {
                throw new NoSuchElementException();
            }
            return entries.get(index).getKey();
        }
    }
}
