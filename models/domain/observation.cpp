// SPDX-License-Identifier: GPL-3.0-or-later
#include "observation.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace tideline {

std::vector<GroupedWorkload> groupObservations(const std::vector<Observation>& observations)
{
    // Unknown workloads (no fingerprint) are keyed by name and sort after the known ones.
    auto key = [](const Observation& o) { return std::string_view(o.fingerprint.empty() ? o.name : o.fingerprint); };
    std::vector<const Observation*> order;
    order.reserve(observations.size());
    for (const Observation& o : observations)
        order.push_back(&o);
    std::sort(order.begin(), order.end(), [&](const Observation* x, const Observation* y) {
        if (x->fingerprint.empty() != y->fingerprint.empty())
            return y->fingerprint.empty();
        if (int c = key(*x).compare(key(*y)))
            return c < 0;
        if (int c = x->instance.compare(y->instance))
            return c < 0;
        if (x->created != y->created)
            return x->created < y->created;
        return x->name < y->name;
    });

    std::vector<GroupedWorkload> out;
    std::vector<std::pair<std::string_view, int>> names;
    size_t i = 0;
    while (i < order.size()) {
        const bool unknown = order[i]->fingerprint.empty();
        const std::string_view k = key(*order[i]);
        size_t j = i;
        while (j < order.size() && order[j]->fingerprint.empty() == unknown && key(*order[j]) == k)
            ++j;
        // The display name: the most frequent among the instances, the smallest on a tie.
        names.clear();
        for (size_t n = i; n < j; ++n) {
            auto it = std::find_if(names.begin(), names.end(), [&](const auto& e) { return e.first == order[n]->name; });
            if (it == names.end())
                names.emplace_back(order[n]->name, 1);
            else
                ++it->second;
        }
        std::pair<std::string_view, int> best = names.front();
        for (const auto& e : names)
            if (e.second > best.second || (e.second == best.second && e.first < best.first))
                best = e;
        GroupedWorkload w;
        w.key = unknown ? "?" + std::string(k) : std::string(k);
        w.fingerprint = order[i]->fingerprint;
        w.name = std::string(best.first);
        w.detail.reserve((j - i) * 48);
        const Observation* prev = nullptr;
        char created[24];
        for (size_t n = i; n < j; ++n) {
            const Observation& o = *order[n];
            // The same named instance listed twice (two containers of one image in a pod) is one instance.
            if (prev && !o.instance.empty() && o.instance == prev->instance && o.name == prev->name)
                continue;
            prev = &o;
            ++w.instances;
            // Seconds, with milliseconds only where there are some: most platforms report whole seconds.
            const long long sec = static_cast<long long>(o.created / 1000), ms = static_cast<long long>(o.created % 1000);
            char* end = std::to_chars(created, created + sizeof created, sec).ptr;
            if (ms) {
                *end++ = '.';
                *end++ = static_cast<char>('0' + ms / 100);
                *end++ = static_cast<char>('0' + ms / 10 % 10);
                *end++ = static_cast<char>('0' + ms % 10);
            }
            w.detail.append(created, static_cast<size_t>(end - created));
            w.detail += '\t';
            w.detail += o.instance;
            if (o.name != w.name) {
                w.detail += '\t';
                w.detail += o.name;
            }
            w.detail += '\n';
        }
        out.push_back(std::move(w));
        i = j;
    }
    return out;
}

} // namespace tideline
