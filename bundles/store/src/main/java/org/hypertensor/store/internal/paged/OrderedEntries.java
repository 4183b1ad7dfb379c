package org.hypertensor.store.internal.paged;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
        return unordered != null ? unordered : new TreeMap<>(new Sorted());
    }

    /** The entries as a sorted map, for TreeMap's copy constructor only (it reads the comparator, size and entries). */
    private final class Sorted extends AbstractMap<K, V> implements SortedMap<K, V> {
        @Override
        public Comparator<? super K> comparator() {
            return order;
        }

        @Override
        public Set<Map.Entry<K, V>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<K, V>> iterator() {
                    return entries.iterator();
                }

                @Override
                public int size() {
                    return entries.size();
                }
            };
        }

        @Override
        public SortedMap<K, V> subMap(K fromKey, K toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<K, V> headMap(K toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<K, V> tailMap(K fromKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public K firstKey() {
            return entries.get(0).getKey();
        }

        @Override
        public K lastKey() {
            return entries.get(entries.size() - 1).getKey();
        }
    }
}
